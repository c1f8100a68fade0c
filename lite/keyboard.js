// Added to every page of the r2pkit JupyterLite site by tools/build_lite.py (inline, no request).
// JupyterLite 0.6's JupyterLab reads key presses before the page's controls do (its shortcuts
// listen in the capture phase; the full kit's JupyterLab 4.6 listens after them). A slider's
// ArrowRight then ran "move to the next heading" and took the focus away, and the arrow keys,
// Home, End, Page Up/Down, Enter and Space never reached the widgets' sliders, choices and
// buttons. Lumino, JupyterLab's toolkit, skips its shortcuts for an element that carries
// data-lm-suppress-shortcuts: this marks the focused control of a widget with it just before
// such a key is handled (window's capture phase comes before JupyterLab's). Other keys (Ctrl+S,
// Shift+Enter, Esc, ...) keep their JupyterLab meaning.
(function () {
  const KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp",
                        "PageDown", "Enter", " "]);
  const CONTROL = "input, select, button, textarea, [role=slider], .noUi-handle, [tabindex]";
  window.addEventListener("keydown", (event) => {
    if (!KEYS.has(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (!(target instanceof Element) || !target.closest(".jupyter-widgets")) return;
    if (!target.matches(CONTROL)) return;
    if (!target.hasAttribute("data-lm-suppress-shortcuts")) target.setAttribute("data-lm-suppress-shortcuts", "true");
  }, true);
})();
