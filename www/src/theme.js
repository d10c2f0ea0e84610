// Light and dark themes: follow the system until the user picks one with the toggle; the
// choice is kept in localStorage. The theme is the `data-theme` attribute on <html>.

const KEY = "ecs-rollout-theme";

function systemTheme() {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function stored() {
  try {
    const value = localStorage.getItem(KEY);
    return value === "dark" || value === "light" ? value : null;
  } catch {
    return null;
  }
}

/** Wires the toggle button and applies the current theme. */
export function initTheme(button, onChange) {
  const apply = (theme) => {
    document.documentElement.dataset.theme = theme;
    // The button names what it does next, so its label changes with the theme.
    button.textContent = theme === "dark" ? "Light theme" : "Dark theme";
    onChange?.(theme);
  };
  apply(stored() ?? systemTheme());
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (!stored()) apply(systemTheme());
  });
  button.addEventListener("click", () => {
    const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Storage may be off (private mode); the toggle still works for this page.
    }
    apply(next);
  });
}
