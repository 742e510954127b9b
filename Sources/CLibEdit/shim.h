// libedit (BSD editline) reached from Swift.
//
// libedit's configuration calls (el_set, el_get, history) are variadic, which Swift cannot
// call, and Swift 6 rejects the C globals stdin/stdout/stderr. Each wrapper below fixes the
// arguments of one call, so Swift sees an ordinary C function.
#ifndef CLIBEDIT_SHIM_H
#define CLIBEDIT_SHIM_H

#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

/// The prompt callback: returns the prompt text for the line being edited.
typedef char *(*clibedit_prompt_function)(EditLine *);
/// An editor command bound to a key: returns one of the CC_* codes.
typedef unsigned char (*clibedit_command_function)(EditLine *, int);

// MARK: - Editor

/// An editor on the process's standard input, output and error.
static inline EditLine *clibedit_init(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

/// Sets the prompt callback; text between two `escape` characters is sent to the terminal
/// without being counted as visible (ANSI colour sequences).
static inline int clibedit_set_prompt(EditLine *el, clibedit_prompt_function f, char escape) {
  return el_set(el, EL_PROMPT_ESC, f, escape);
}

/// Selects the key bindings: "emacs" or "vi".
static inline int clibedit_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

/// Whether libedit installs its own signal handlers while a line is read.
static inline int clibedit_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}

/// Attaches a history list, used by the history keys (arrow up, arrow down, Ctrl-R ...).
static inline int clibedit_set_history(EditLine *el, History *h) {
  return el_set(el, EL_HIST, history, h);
}

/// Adds a named editor command implemented by `f`.
static inline int clibedit_add_function(
  EditLine *el, const char *name, const char *help, clibedit_command_function f
) {
  return el_set(el, EL_ADDFN, name, help, f);
}

/// Binds `key` (in `bind` notation, e.g. "^I") to the editor command `command`.
static inline int clibedit_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/// Changes one terminal mode flag for editing mode, e.g. `clibedit_setty_edit(el, "-isig")`.
static inline int clibedit_setty_edit(EditLine *el, const char *flag) {
  return el_set(el, EL_SETTY, "-d", flag, (const char *)NULL);
}

/// Puts the terminal into editing mode (`on` 1) or back into its normal mode (`on` 0).
static inline int clibedit_prepare_terminal(EditLine *el, int on) {
  return el_set(el, EL_PREP_TERM, on);
}

static inline int clibedit_set_client_data(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

static inline void *clibedit_get_client_data(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) {
    return NULL;
  }
  return data;
}

/// Reads the user's ~/.editrc (or $EDITRC); a missing file is not an error for the caller.
static inline int clibedit_source_editrc(EditLine *el) {
  return el_source(el, NULL);
}

// MARK: - History

static inline int clibedit_history_set_size(History *h, int size) {
  HistEvent event;
  return history(h, &event, H_SETSIZE, size);
}

/// The number of entries held.
static inline int clibedit_history_count(History *h) {
  HistEvent event;
  if (history(h, &event, H_GETSIZE) != 0) {
    return 0;
  }
  return event.num;
}

/// With `on` set, an entry equal to the newest one is not entered again.
static inline int clibedit_history_set_unique(History *h, int on) {
  HistEvent event;
  return history(h, &event, H_SETUNIQUE, on);
}

static inline int clibedit_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}

/// Loads entries from a file written by clibedit_history_save; returns -1 on failure.
static inline int clibedit_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

/// Writes every entry to `path` (libedit's own format); returns -1 on failure.
static inline int clibedit_history_save(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_SAVE, path);
}

static inline void clibedit_history_clear(History *h) {
  HistEvent event;
  history(h, &event, H_CLEAR);
}

/// The oldest entry, or NULL when the history is empty.
static inline const char *clibedit_history_oldest(History *h) {
  HistEvent event;
  if (history(h, &event, H_LAST) != 0) {
    return NULL;
  }
  return event.str;
}

/// The entry after the current one towards the newest, or NULL at the newest.
static inline const char *clibedit_history_newer(History *h) {
  HistEvent event;
  if (history(h, &event, H_PREV) != 0) {
    return NULL;
  }
  return event.str;
}

// MARK: - Terminal

/// The width of the terminal on `fd` in columns, or 0 when it is unknown.
static inline int clibedit_terminal_columns(int fd) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
    return 0;
  }
  return size.ws_col;
}

#endif
