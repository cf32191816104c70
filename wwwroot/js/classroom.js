// Browser helpers for the classroom console. The instructor's key arrives in the address; once the
// console is open it moves to this tab's session storage and leaves the address bar, so a console
// shown on a projector does not show the key to the room. A reload (or the automatic one after a
// server restart) finds it there again.
window.commitLabClassroom = {
  keepKey(roomId, key) {
    sessionStorage.setItem("commitlab-console:" + roomId, key);
    // Only the key leaves the address: the rest (the projector view) stays for a reload.
    const url = new URL(location.href);
    url.searchParams.delete("key");
    history.replaceState(history.state, "", url.pathname + url.search);
  },
  storedKey(roomId) {
    return sessionStorage.getItem("commitlab-console:" + roomId);
  },
};
