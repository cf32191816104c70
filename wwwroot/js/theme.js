// Puts the page in the visitor's colour scheme before anything paints: loaded (blocking, it is tiny)
// from the head. The choice made with the app bar's toggle wins; without one the page follows
// prefers-color-scheme. Both are kept in cookies so the server renders the next page in the right
// scheme too (Hosting/ThemeCookies.cs reads them), which is what keeps MudBlazor's palette from
// flashing light on a dark screen.
(() => {
  const choiceCookie = "commitlab-theme";
  const systemCookie = "commitlab-system-theme";
  const valid = (value) => (value === "dark" || value === "light" ? value : null);
  const read = (name) => valid(document.cookie.split("; ").find((c) => c.startsWith(name + "="))?.slice(name.length + 1));
  const write = (name, value) => {
    document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
  };
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const system = () => (media.matches ? "dark" : "light");

  const apply = (scheme) => {
    document.documentElement.dataset.theme = scheme;
  };

  write(systemCookie, system());
  apply(read(choiceCookie) ?? system());
  media.addEventListener("change", () => {
    write(systemCookie, system());
    if (!read(choiceCookie)) {
      apply(system());
    }
  });

  window.commitlabTheme = {
    current: () => document.documentElement.dataset.theme,
    choose(scheme) {
      if (!valid(scheme)) {
        return;
      }
      write(choiceCookie, scheme);
      apply(scheme);
    },
  };
})();
