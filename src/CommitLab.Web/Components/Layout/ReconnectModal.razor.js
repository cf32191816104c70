// Turns the class changes that the ASP.NET Core 9.0 Blazor script makes on #components-reconnect-modal
// into dialog behaviour. The 9.0 script has no reconnect events (those came with .NET 10, together with
// Blazor.resumeCircuit, which it also lacks): it only toggles these classes and calls Blazor.reconnect()
// on its own schedule, so this module watches the classes.
const modal = document.getElementById("components-reconnect-modal");

if (modal) {
  const retryButton = modal.querySelector("[data-reconnect-retry]");
  const reloadButton = modal.querySelector("[data-reconnect-reload]");

  const open = () => {
    if (!modal.open) {
      modal.showModal();
    }
  };

  const close = () => {
    if (modal.open) {
      modal.close();
    }
  };

  // Blazor.reconnect() resolves true when the circuit is back, false when the server no longer knows it
  // (after a restart), and throws when the server is still unreachable.
  const retry = async () => {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    modal.classList.remove("components-reconnect-failed");
    modal.classList.add("components-reconnect-show");
    try {
      const reconnected = await Blazor.reconnect();
      if (!reconnected) {
        location.reload();
      }
    } catch {
      modal.classList.remove("components-reconnect-show");
      modal.classList.add("components-reconnect-failed");
    }
  };

  // A phone that slept through every automatic attempt tries again as soon as the page is looked at.
  const retryWhenVisible = () => {
    if (document.visibilityState === "visible") {
      retry();
    }
  };

  const onClassChange = () => {
    const classes = modal.classList;
    if (classes.contains("components-reconnect-rejected")) {
      // The server restarted and the old session is gone; a fresh page gets a fresh one.
      open();
      location.reload();
    } else if (classes.contains("components-reconnect-failed")) {
      open();
      document.addEventListener("visibilitychange", retryWhenVisible);
      retryButton?.focus();
    } else if (classes.contains("components-reconnect-show")) {
      open();
    } else if (classes.contains("components-reconnect-hide")) {
      document.removeEventListener("visibilitychange", retryWhenVisible);
      close();
    }
  };

  new MutationObserver(onClassChange).observe(modal, { attributes: true, attributeFilter: ["class"] });
  retryButton?.addEventListener("click", retry);
  reloadButton?.addEventListener("click", () => location.reload());
  // Escape would close the dialog while the page is still unusable; keep it up until the script hides it.
  modal.addEventListener("cancel", (event) => event.preventDefault());
}
