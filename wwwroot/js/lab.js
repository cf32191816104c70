// Small browser helpers for the Lab. Blazor calls them through IJSRuntime.InvokeVoidAsync; they
// only touch the page's own URL, clipboard and downloads.
window.commitLab = {
  // Keeps the address bar in step with the run (share links) without a navigation.
  replaceUrl(url) {
    history.replaceState(history.state, "", url);
  },
  // Sets or removes one query value of the current address in place (the projector view), keeping
  // everything else the page put there; the console has removed its key, and this never brings it back.
  setQuery(name, value) {
    const url = new URL(window.location.href);
    if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  },
  // Tells a network drawing whether the screen is phone-sized, now and whenever that changes (a
  // phone turned sideways), so it can turn itself on its side. The query is lab.css's phone width.
  phoneWatches: new Map(),
  phoneWatchCount: 0,
  watchPhone(target) {
    const query = window.matchMedia("(max-width: 600px)");
    const listener = e => target.invokeMethodAsync("PhoneChanged", e.matches).catch(() => {});
    query.addEventListener("change", listener);
    const id = ++window.commitLab.phoneWatchCount;
    window.commitLab.phoneWatches.set(id, () => query.removeEventListener("change", listener));
    return { id, phone: query.matches };
  },
  unwatchPhone(id) {
    window.commitLab.phoneWatches.get(id)?.();
    window.commitLab.phoneWatches.delete(id);
  },
  // Offers text as a file download (trace JSON, space-time SVG).
  download(fileName, mimeType, text) {
    const blob = new Blob([text], { type: mimeType });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  },
  async copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
  // Places the open fault menu beside the drawn node, link or message it belongs to (only the
  // browser knows where that is on screen), remembers what had the focus and moves it into the menu;
  // the arrow keys then walk its items, as in any menu.
  openFaultMenu() {
    const menu = document.querySelector(".fault-menu");
    if (!menu) return;
    const anchor = document.querySelector(menu.dataset.anchor);
    const box = (anchor || menu.parentElement).getBoundingClientRect();
    const width = menu.offsetWidth, height = menu.offsetHeight;
    const left = Math.min(Math.max(4, box.left + box.width / 2 + 8), window.innerWidth - width - 4);
    const below = box.top + box.height / 2 + 8;
    const top = below + height > window.innerHeight - 4 ? Math.max(4, box.top + box.height / 2 - height - 8) : below;
    menu.style.left = `${Math.max(4, left)}px`;
    menu.style.top = `${top}px`;
    window.commitLab.menuReturnFocus = document.activeElement;
    const items = () => Array.from(menu.querySelectorAll("[role=menuitem]"));
    menu.addEventListener("keydown", (event) => {
      const list = items();
      const at = list.indexOf(document.activeElement);
      const next = event.key === "ArrowDown" ? (at + 1) % list.length
        : event.key === "ArrowUp" ? (at - 1 + list.length) % list.length
        : event.key === "Home" ? 0 : event.key === "End" ? list.length - 1 : -1;
      if (next < 0) return;
      event.preventDefault();
      list[next].focus();
    });
    const first = items()[0];
    if (first) first.focus();
  },
  // The menu closed: the focus goes back to where it was, if that is still on the page.
  closeFaultMenu() {
    const back = window.commitLab.menuReturnFocus;
    window.commitLab.menuReturnFocus = null;
    if (back && back.isConnected) back.focus();
  },
  // Whether a key belongs to the focused element rather than to the Lab's shortcuts: typing in a
  // form field, or Space/Enter on a button (which the button itself already acts on). The arrows on a
  // zoomed space-time diagram never get here: the diagram's own listener (below) takes them first.
  ownsKey(key) {
    const el = document.activeElement;
    if (!el) return false;
    if (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable) return true;
    const buttonLike = el.tagName === "BUTTON" || el.tagName === "SUMMARY" || el.getAttribute("role") === "button";
    return buttonLike && (key === " " || key === "Enter");
  },
};

// Space plays and pauses the Lab and the comparison (see LabPage.OnKeyDown); without this the browser would also scroll
// the page by a screenful. Keys that a focused control owns (Space on a button, typing in a field)
// are left alone, exactly as ownsKey tells the page.
document.addEventListener("keydown", (event) => {
  if (event.key !== " " || event.ctrlKey || event.altKey || event.metaKey) return;
  const target = event.target instanceof Element ? event.target : null;
  const page = "[data-testid=lab], [data-testid=compare]";
  if (!target || !target.closest(page) && target !== document.body) return;
  if (!document.querySelector(page)) return;
  if (window.commitLab && window.commitLab.ownsKey(" ")) return;
  event.preventDefault();
});

// "Skip to content" moves the focus to the main region in place: no navigation, so the address bar
// keeps whatever the page put there (never an instructor key the console has removed, never a stale
// run). Captured before Blazor's link handling sees the click; Enter on the link clicks it too.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a[data-skip-link]") : null;
  const main = document.getElementById("main");
  if (!link || !main) return;
  event.preventDefault();
  event.stopPropagation();
  main.focus();
  main.scrollIntoView();
}, true);

// The space-time diagram pans by dragging (mouse or pen; touch scrolls natively) and zooms with
// Ctrl+wheel, by pressing the diagram's own zoom buttons so the page keeps the one zoom state.
// Listeners on the document: Blazor re-renders the diagram, the document stays.
(() => {
  let drag = null;
  // A drag sets the scroll position outright on every move, so one that outlived its button (released
  // outside the window, where no pointerup reaches the page) would undo every later pan by the arrows
  // at the next move of the mouse: a drag follows only its own pointer, and only while a button is down.
  document.addEventListener("pointerdown", (event) => {
    const box = event.target instanceof Element ? event.target.closest(".space-time-scroll") : null;
    if (!box || event.button !== 0 || event.pointerType === "touch") return;
    drag = { box, id: event.pointerId, x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop };
    box.classList.add("panning");
  });
  document.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    if (event.buttons === 0 || !drag.box.isConnected) {
      stop();
      return;
    }
    drag.box.scrollLeft = drag.left - (event.clientX - drag.x);
    drag.box.scrollTop = drag.top - (event.clientY - drag.y);
  });
  const stop = () => {
    if (drag) drag.box.classList.remove("panning");
    drag = null;
  };
  document.addEventListener("pointerup", stop);
  document.addEventListener("pointercancel", stop);
  document.addEventListener("wheel", (event) => {
    const box = event.target instanceof Element ? event.target.closest(".space-time-scroll") : null;
    if (!box || !event.ctrlKey) return;
    event.preventDefault();
    const section = box.closest(".space-time");
    const button = section && section.querySelector(event.deltaY < 0 ? "[data-testid=space-time-zoom-in]" : "[data-testid=space-time-zoom-out]");
    if (button && !button.disabled) button.click();
  }, { passive: false });
  // The arrows pan a zoomed diagram that has the focus, here and now, and nothing else sees them.
  // They used to travel on to the page's own key handler as well, which asked the browser (a round
  // trip, answered only later) whether the diagram still had the focus: under load the answer could
  // describe a later moment, and the render that followed competed with the pan. Listening on the
  // window in the capture phase puts this before Blazor's listener on the document, which then never
  // sees the arrow: no round trip and no render.
  // The pan is instant whatever scroll-behavior the page has, so nothing can cut it short.
  const steps = { ArrowLeft: [-60, 0], ArrowRight: [60, 0], ArrowUp: [0, -40], ArrowDown: [0, 40] };
  window.addEventListener("keydown", (event) => {
    const box = event.target instanceof Element ? event.target.closest(".space-time-scroll.zoomed") : null;
    const step = steps[event.key];
    if (!box || !step || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    event.stopPropagation();
    box.scrollBy({ left: step[0], top: step[1], behavior: "instant" });
  }, true);
})();

// A long press on a node, link or message opens its fault menu, as a right-click does. Android's
// Chrome sends a long press as a context menu by itself; iOS Safari never does, so a touch (or pen)
// held still for half a second sends one here, to the same handler a right-click reaches. A short
// tap stays a tap (it selects); moving, scrolling or a second finger (a pinch) cancels the press.
// Listeners on the document: Blazor re-renders the drawing, the document stays.
(() => {
  const holdMs = 500;
  const slopPx = 10;
  // Presses under way, by pointer: each ends with its own pointer's lift, move or cancel.
  const presses = new Map();
  // After a press that opened the menu, the lifted finger's click must not reach the node (it would
  // select it again and close the menu), and Android's own context menu event must not open it twice.
  let fired = null;
  const cancel = (id) => {
    clearTimeout(presses.get(id)?.timer);
    presses.delete(id);
  };
  const cancelAll = () => [...presses.keys()].forEach(cancel);
  document.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse") {
      fired = null;
      return;
    }
    if (!event.isPrimary) {
      cancelAll();
      return;
    }
    fired = null;
    const target = event.target instanceof Element ? event.target.closest("svg.network [role=button]") : null;
    if (!target) return;
    const { pointerId: id, clientX: x, clientY: y } = event;
    cancel(id);
    presses.set(id, {
      x, y,
      timer: setTimeout(() => {
        presses.delete(id);
        fired = target;
        target.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: x, clientY: y }));
      }, holdMs),
    });
  });
  document.addEventListener("pointermove", (event) => {
    const press = presses.get(event.pointerId);
    if (press && Math.hypot(event.clientX - press.x, event.clientY - press.y) > slopPx) cancel(event.pointerId);
  });
  document.addEventListener("pointerup", (event) => cancel(event.pointerId));
  document.addEventListener("pointercancel", (event) => cancel(event.pointerId));
  document.addEventListener("scroll", cancelAll, { capture: true, passive: true });
  // Android's own long-press menu event: the first of the two opens the menu, the other is dropped.
  window.addEventListener("contextmenu", (event) => {
    if (!event.isTrusted) return;
    if (presses.size > 0) cancelAll();
    else if (fired) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  window.addEventListener("click", (event) => {
    if (!fired) return;
    const target = fired;
    fired = null;
    if (event.target instanceof Node && target.contains(event.target)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
})();
