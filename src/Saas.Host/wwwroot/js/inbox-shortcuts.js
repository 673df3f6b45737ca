// Keyboard shortcuts of the inbox pages (Pages/Workbench/Inbox/_Shortcuts.cshtml lists them on the page).
// A key triggers the element marked data-shortcut="key": a button or link is clicked, a field is focused.
// Nothing fires while the person types in a field, or with Ctrl, Alt or Meta held (the browser's and the
// screen reader's own keys stay theirs). Loaded as a file (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';

  function typing(target) {
    if (!(target instanceof Element)) {
      return false;
    }
    if (target.isContentEditable) {
      return true;
    }
    var tag = target.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT') {
      return true;
    }
    if (tag !== 'INPUT') {
      return false;
    }
    var type = (target.getAttribute('type') || 'text').toLowerCase();
    return ['button', 'submit', 'reset', 'checkbox', 'radio', 'image', 'file'].indexOf(type) < 0;
  }

  function marked(key) {
    var all = document.querySelectorAll('[data-shortcut]');
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute('data-shortcut') === key) {
        return all[i];
      }
    }
    return null;
  }

  // Screen readers announce the key with the element.
  document.querySelectorAll('[data-shortcut]').forEach(function (element) {
    var key = element.getAttribute('data-shortcut');
    if (key) {
      element.setAttribute('aria-keyshortcuts', key === '?' ? 'Shift+?' : key);
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing || typing(event.target)) {
      return;
    }
    var element = marked(event.key);
    if (!element) {
      return;
    }
    event.preventDefault();
    var tag = element.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
      element.focus();
      return;
    }
    if (tag === 'SUMMARY') {
      element.click();
      element.focus();
      return;
    }
    element.click();
  });
})();
