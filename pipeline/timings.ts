/**
 * Wall time per stage of one build (`compendium build --timings FILE`), for the benchmarks: where the
 * time goes. Kept out of every output (report.json stays byte-identical between builds).
 */
export class Timings {
  private readonly ms = new Map<string, number>();

  add(stage: string, ms: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + ms);
  }

  /** Run `work` and add its wall time to `stage`. */
  time<T>(stage: string, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  async timeAsync<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  /** Milliseconds by stage, in the order the stages first ran. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.ms].map(([stage, ms]) => [stage, Math.round(ms)]));
  }
}
