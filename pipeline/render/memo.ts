/** `RenderContext.memo` over the build cache, the same on the main thread and in a render thread. */
import { hashOf, type Cache } from '../cache.js';
import type { RenderContext } from './index.js';

export interface UnitCounts {
  computed: number;
  reused: number;
}

export function cacheMemo(cache: Cache, fingerprint: string, format: string, counts: UnitCounts): RenderContext['memo'] {
  return async (unit, inputs, compute) => {
    const unitKey = hashOf('unit', fingerprint, format, unit, JSON.stringify(inputs) ?? '');
    const hit = await cache.get<{ value: Awaited<ReturnType<typeof compute>> }>('unit', unitKey);
    if (hit) {
      counts.reused++;
      return hit.value;
    }
    const value = await compute();
    counts.computed++;
    await cache.set('unit', unitKey, { value });
    return value;
  };
}
