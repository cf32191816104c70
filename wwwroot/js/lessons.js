// Lesson progress, kept in this browser only (no account): read and written whole as JSON.
window.commitLabLessons = {
    load() {
        try {
            return window.localStorage.getItem("commitlab.lessons.v1");
        } catch {
            return null;
        }
    },
    save(json) {
        try {
            window.localStorage.setItem("commitlab.lessons.v1", json);
        } catch {
            // Storage full or disabled: progress simply is not remembered.
        }
    },
};
