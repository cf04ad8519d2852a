/*
 * Full-text search of the HTML bundle, in the browser, over the index in search-index.js (a script that
 * assigns window.compendiumSearch, so it works from file:// as well as from a server). The index comes in
 * parts (runs of articles, each numbering its articles and blocks from 0), put together here in order.
 *
 * A query is split into words at spaces and punctuation; an article matches when it contains every word.
 * Each word is looked up as typed and folded (full-width ASCII → ASCII, A–Z → a–z, Traditional →
 * Simplified by the book's character map); its character bigrams (or the character itself, for a
 * one-character word) give the candidate blocks, and the block text is then checked, so every result
 * really contains the word. Results are built with DOM methods and textContent only (no HTML strings).
 */
(function () {
  'use strict';

  var index = window.compendiumSearch;
  var input = document.getElementById('PageSearch');
  var status = document.getElementById('SearchStatus');
  var list = document.getElementById('SearchResults');
  if (!index || !input || !status || !list) return;

  // The parts as one index: articles and blocks numbered on from part to part; each part's grams kept
  // with the number of its first block.
  var data = { foldText: index.foldText, map: index.map, articles: [], blocks: [], parts: [] };
  index.parts.forEach(function (part) {
    var articleBase = data.articles.length;
    data.parts.push({ base: data.blocks.length, grams: part.grams });
    part.articles.forEach(function (a) { data.articles.push(a); });
    part.blocks.forEach(function (b) { data.blocks.push([articleBase + b[0], b[1], b[2]]); });
  });

  var map = new Map();
  var pairs = Array.from(data.map);
  for (var i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i], pairs[i + 1]);

  function fold(text, useMap) {
    var out = '';
    for (var ch of text) {
      if (useMap && map.has(ch)) ch = map.get(ch);
      var code = ch.codePointAt(0);
      if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCodePoint(code - 0xfee0);
      else if (code >= 0x41 && code <= 0x5a) ch = String.fromCharCode(code + 32);
      out += ch;
    }
    return out;
  }

  var folded = [];
  function blockText(b) {
    if (folded[b] === undefined) folded[b] = fold(data.blocks[b][2], data.foldText);
    return folded[b];
  }

  var decoded = new Map();
  function postings(gram) {
    if (decoded.has(gram)) return decoded.get(gram);
    var list = [];
    data.parts.forEach(function (part) {
      if (!Object.prototype.hasOwnProperty.call(part.grams, gram)) return;
      var n = part.base;
      part.grams[gram].split(',').forEach(function (d) { n += parseInt(d, 36); list.push(n); });
    });
    decoded.set(gram, list);
    return list;
  }

  function intersect(a, b) {
    var out = [];
    var j = 0;
    for (var k = 0; k < a.length; k++) {
      while (j < b.length && b[j] < a[k]) j++;
      if (j < b.length && b[j] === a[k]) out.push(a[k]);
    }
    return out;
  }

  /** Blocks whose (folded) text contains the word. */
  function blocksWith(word) {
    var chars = Array.from(word);
    var candidates;
    if (chars.length === 1) candidates = postings(chars[0]);
    else {
      for (var k = 0; k + 1 < chars.length; k++) {
        var p = postings(chars[k] + chars[k + 1]);
        candidates = candidates === undefined ? p : intersect(candidates, p);
        if (candidates.length === 0) break;
      }
    }
    return candidates.filter(function (b) { return blockText(b).indexOf(word) !== -1; });
  }

  function variants(word) {
    var plain = fold(word, false);
    var mapped = fold(word, true);
    return plain === mapped ? [plain] : [plain, mapped];
  }

  function words(query) {
    return query.split(/[\s\p{P}]+/u).filter(function (w) { return w !== ''; });
  }

  function search(query) {
    var ws = words(query).map(variants);
    if (ws.length === 0) return { words: ws, results: [] };
    var perArticle = new Map();
    ws.forEach(function (forms, w) {
      var seen = new Set();
      forms.forEach(function (form) {
        blocksWith(form).forEach(function (b) {
          if (seen.has(b)) return;
          seen.add(b);
          var a = data.blocks[b][0];
          if (!perArticle.has(a)) perArticle.set(a, { article: a, words: new Set(), blocks: new Set() });
          var entry = perArticle.get(a);
          entry.words.add(w);
          entry.blocks.add(b);
        });
      });
    });
    var results = [];
    perArticle.forEach(function (entry) {
      if (entry.words.size === ws.length) {
        entry.blocks = Array.from(entry.blocks).sort(function (x, y) { return x - y; });
        entry.inTitle = entry.blocks[0] === firstBlockOf(entry.article);
        results.push(entry);
      }
    });
    results.sort(function (x, y) {
      if (x.inTitle !== y.inTitle) return x.inTitle ? -1 : 1;
      if (x.blocks.length !== y.blocks.length) return y.blocks.length - x.blocks.length;
      return x.article - y.article;
    });
    return { words: ws, results: results };
  }

  var firstBlocks = [];
  data.blocks.forEach(function (block, b) { if (firstBlocks[block[0]] === undefined) firstBlocks[block[0]] = b; });
  function firstBlockOf(a) { return firstBlocks[a]; }

  /** Text with every match of any form of any word wrapped in <mark>, appended to `parent` (text nodes only). */
  function appendMarked(parent, shown, searched, forms) {
    var ranges = [];
    forms.forEach(function (form) {
      var at = searched.indexOf(form);
      while (at !== -1) {
        ranges.push([at, at + form.length]);
        at = searched.indexOf(form, at + form.length);
      }
    });
    ranges.sort(function (x, y) { return x[0] - y[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      parent.appendChild(document.createTextNode(shown.slice(pos, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = shown.slice(r[0], r[1]);
      parent.appendChild(mark);
      pos = r[1];
    });
    parent.appendChild(document.createTextNode(shown.slice(pos)));
  }

  function snippet(b, forms) {
    var shown = data.blocks[b][2];
    var searched = blockText(b);
    var first = Infinity;
    forms.forEach(function (form) {
      var at = searched.indexOf(form);
      if (at !== -1 && at < first) first = at;
    });
    if (first === Infinity) first = 0;
    var start = Math.max(0, first - 30);
    var end = Math.min(shown.length, first + 90);
    var a = document.createElement('a');
    a.href = data.articles[data.blocks[b][0]][0] + '#' + encodeURIComponent(data.blocks[b][1]);
    if (start > 0) a.appendChild(document.createTextNode('…'));
    appendMarked(a, shown.slice(start, end), searched.slice(start, end), forms);
    if (end < shown.length) a.appendChild(document.createTextNode('…'));
    return a;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name] === undefined ? '' : String(values[name]); });
  }

  var SNIPPETS = 3;

  function render(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var found = search(query);
    if (found.words.length === 0) {
      status.textContent = query.trim() === '' ? '' : status.getAttribute('data-empty');
      return;
    }
    var q = query.trim();
    if (found.results.length === 0) {
      status.textContent = fill(status.getAttribute('data-none'), { q: q });
      return;
    }
    status.textContent = fill(status.getAttribute('data-count'), { q: q, n: found.results.length });
    var forms = [];
    found.words.forEach(function (f) { forms.push.apply(forms, f); });
    found.results.forEach(function (result) {
      var li = document.createElement('li');
      li.className = 'result';
      var title = document.createElement('a');
      title.className = 'result-title';
      title.href = data.articles[result.article][0];
      var titleBlock = firstBlockOf(result.article);
      appendMarked(title, data.articles[result.article][1], blockText(titleBlock) === fold(data.articles[result.article][1], data.foldText) ? blockText(titleBlock) : '', forms);
      li.appendChild(title);
      var shownBlocks = result.blocks.filter(function (b) { return b !== firstBlockOf(result.article) || result.blocks.length === 1; });
      var ul = document.createElement('ul');
      ul.className = 'snippets';
      shownBlocks.slice(0, SNIPPETS).forEach(function (b) {
        var item = document.createElement('li');
        item.appendChild(snippet(b, forms));
        ul.appendChild(item);
      });
      li.appendChild(ul);
      if (shownBlocks.length > SNIPPETS) {
        var more = document.createElement('p');
        more.className = 'snippets-more';
        more.textContent = fill(status.getAttribute('data-more'), { n: shownBlocks.length - SNIPPETS });
        li.appendChild(more);
      }
      list.appendChild(li);
    });
  }

  function queryFromUrl() {
    var params = new URLSearchParams(window.location.search);
    return params.get('q') || '';
  }

  function remember(query) {
    try {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set('q', query);
      else url.searchParams.delete('q');
      window.history.replaceState(null, '', url.href);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the search works all the same.
    }
  }

  var initial = queryFromUrl();
  input.value = initial;
  var header = document.getElementById('SiteSearch');
  if (header) header.value = initial;
  render(initial);

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { render(input.value); remember(input.value.trim()); }, 150);
  });
  input.form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    render(input.value);
    remember(input.value.trim());
  });
})();
