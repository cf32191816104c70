// Starts Blazor with a reconnect schedule fitted to a lecture hall's Wi-Fi. The default retries ten
// times at once (a dropped connection is refused immediately, so those ten are gone within a second)
// and then waits 5 s between tries, so a student whose network blinked for a moment stared at the
// "connection lost" dialog for several seconds. This schedule tries again quickly at first, then
// backs off, and keeps trying for about four minutes: longer than the server keeps a disconnected
// circuit (three minutes), after which the server rejects the circuit and the page reloads itself
// (see ReconnectModal.razor.js).
(() => {
  const retryDelay = (previousAttempts, maxRetries) => {
    if (previousAttempts >= maxRetries) {
      return null;
    }
    if (previousAttempts === 0) {
      return 0;
    }
    if (previousAttempts < 4) {
      return 500 * previousAttempts; // 0.5, 1, 1.5 s
    }
    if (previousAttempts < 10) {
      return 2000;
    }
    return previousAttempts < 30 ? 5000 : 15000;
  };

  Blazor.start({
    circuit: {
      reconnectionOptions: { maxRetries: 40, retryIntervalMilliseconds: retryDelay },
    },
  });
})();
