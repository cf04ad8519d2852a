/*
 * Small behaviours of every page of the HTML bundle. Everything works without this script (tooltips show on
 * hover and focus through CSS); it adds what CSS cannot do:
 * - a tap on a term shows its definition first, a second tap follows the link to the glossary;
 * - Escape hides a shown definition (WCAG 1.4.13), a tap elsewhere closes it;
 * - a definition near the right edge is shifted back into the window.
 */
(function () {
  'use strict';

  var lastPointer = 'mouse';
  var openTerm = null;
  var hoveredTerm = null;

  function termOf(node) {
    return node && node.closest ? node.closest('.term') : null;
  }

  function place(term) {
    var tip = term.querySelector('.term-tip');
    if (!tip) return;
    tip.style.setProperty('--tip-shift', '0px');
    var rect = tip.getBoundingClientRect();
    var limit = document.documentElement.clientWidth - 8;
    if (rect.width > 0 && rect.right > limit) {
      var shift = Math.min(rect.right - limit, Math.max(0, rect.left - 8));
      tip.style.setProperty('--tip-shift', -shift + 'px');
    }
  }

  function close() {
    if (openTerm) openTerm.classList.remove('open');
    openTerm = null;
  }

  document.addEventListener('pointerdown', function (event) {
    lastPointer = event.pointerType || 'mouse';
    if (!termOf(event.target)) close();
  }, true);

  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('.term-link') : null;
    if (!link) return;
    var term = termOf(link);
    if ((lastPointer === 'touch' || lastPointer === 'pen') && term !== openTerm) {
      event.preventDefault();
      close();
      term.classList.remove('dismissed');
      term.classList.add('open');
      openTerm = term;
      place(term);
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var term = termOf(document.activeElement) || openTerm || hoveredTerm;
    if (term) term.classList.add('dismissed');
    close();
  });

  function reset(event) {
    var term = termOf(event.target);
    if (term) term.classList.remove('dismissed');
  }
  document.addEventListener('focusout', reset);
  document.addEventListener('mouseout', reset);

  function show(event) {
    var term = termOf(event.target);
    if (event.type === 'mouseover') hoveredTerm = term;
    if (term) place(term);
  }
  document.addEventListener('focusin', show);
  document.addEventListener('mouseover', show);
})();
