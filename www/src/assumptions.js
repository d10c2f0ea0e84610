// The "what if" panel: one input per timeline assumption (its default shown, empty means
// default; a refused or limited value says why and which value the timeline used): a number for
// each duration and percent, a menu for the load balancer's kind. Then the failure control,
// which sits beside the chart it changes and asks for the rollback path.

import { ASSUMPTION_KEYS, LOAD_BALANCER_TYPES, isWordAssumption } from "./url-state.js";

const LABELS = {
  scaleUpMinutes: ["Scale-up", "min", "New tasks start and pass health checks"],
  hookMinutes: ["Hook, per stage", "min", "Time the lifecycle hook takes at each stage"],
  drainMinutes: ["Drain", "min", "Old tasks draining during clean-up"],
  bakeTimeMinutes: ["Bake time", "min", "Deployment bake time: both versions up after the last shift; the module sends 1"],
  minimumHealthyPercent: ["Min healthy", "%", "Rolling only; the module sends 100"],
  maximumPercent: ["Max running", "%", "Rolling only; the module sends 200"],
  nlbShiftDelayMinutes: ["NLB shift delay", "min", "Added by ECS to the test shift and to each production shift behind a Network Load Balancer"],
  loadBalancerType: ["Load balancer type", null, "Applies only where the source does not say which kind its load balancer is (the Portkey module's lb_type always says)"],
};

const LOAD_BALANCER_NAMES = { application: "Application (ALB)", network: "Network (NLB)" };
/** Short names, so the menu's default entry fits its field. */
const LOAD_BALANCER_SHORT = { application: "ALB", network: "NLB" };

/**
 * Builds the panel inside `container`.
 * @param {HTMLElement} container
 * @param {() => void} onChange called on every edit
 * @param {{ failureContainer?: HTMLElement }} [options] where the failure control goes
 *   (beside the chart); inside the panel when left out
 */
export function createAssumptionsPanel(container, onChange, { failureContainer } = {}) {
  const inputs = new Map();
  const form = document.createElement("form");
  form.className = "assumptions";
  form.addEventListener("submit", (event) => event.preventDefault());
  const grid = document.createElement("div");
  grid.className = "assumption-grid";
  for (const key of ASSUMPTION_KEYS) {
    const [label, unit, hint] = LABELS[key];
    const id = `assumption-${key}`;
    const field = document.createElement("div");
    field.className = "field";
    const lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = unit ? `${label} (${unit})` : label;
    let input;
    if (isWordAssumption(key)) {
      // A menu: its first entry, the default, leaves the assumption out as an empty number does.
      input = document.createElement("select");
      input.append(new Option("default", ""), ...LOAD_BALANCER_TYPES.map((type) => new Option(LOAD_BALANCER_NAMES[type] ?? type, type)));
      input.addEventListener("change", onChange);
    } else {
      input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.step = "any";
      input.inputMode = "decimal";
    }
    input.id = id;
    input.name = key;
    input.title = hint;
    const note = document.createElement("small");
    note.id = `${id}-note`;
    note.className = "field-note";
    input.setAttribute("aria-describedby", note.id);
    input.addEventListener("input", onChange);
    field.append(lab, input, note);
    grid.append(field);
    inputs.set(key, { input, note, hint });
  }
  const reset = document.createElement("button");
  reset.type = "button";
  reset.className = "secondary";
  reset.textContent = "Reset to defaults";
  reset.addEventListener("click", () => {
    for (const { input } of inputs.values()) input.value = "";
    onChange();
  });

  const failure = document.createElement("fieldset");
  failure.className = "failure";
  const legend = document.createElement("legend");
  legend.textContent = "Simulate a failure";
  const toggleLabel = document.createElement("label");
  toggleLabel.className = "inline";
  const toggle = document.createElement("input");
  toggle.type = "checkbox";
  toggle.id = "fail-enabled";
  toggleLabel.append(toggle, document.createTextNode(" Fail the deployment"));
  const sliderLabel = document.createElement("label");
  sliderLabel.htmlFor = "fail-minute";
  sliderLabel.textContent = "Failure detected at minute";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.id = "fail-minute";
  slider.min = "0";
  slider.step = "1";
  slider.max = "10";
  slider.value = "0";
  slider.disabled = true;
  const output = document.createElement("output");
  output.htmlFor = "fail-minute";
  output.id = "fail-minute-value";
  output.textContent = "off";
  toggle.addEventListener("change", () => {
    slider.disabled = !toggle.checked;
    if (toggle.checked && Number(slider.value) === 0) slider.value = String(Math.floor(Number(slider.max) / 2));
    output.textContent = toggle.checked ? slider.value : "off";
    onChange();
  });
  slider.addEventListener("input", () => {
    output.textContent = slider.value;
    onChange();
  });
  const sliderRow = document.createElement("div");
  sliderRow.className = "slider-row";
  sliderRow.append(slider, output);
  failure.append(legend, toggleLabel, sliderLabel, sliderRow);

  form.append(grid, reset);
  container.replaceChildren(form);
  if (failureContainer) failureContainer.replaceChildren(failure);
  else form.append(failure);

  let defaultsShown = null;
  /** Why a typed value is not used as typed, or null when it is (or the field is empty). */
  const refusal = (input) => {
    if (input.tagName === "SELECT") return null;
    const raw = input.value.trim();
    if (raw === "") return input.validity.badInput ? "not a number" : null;
    const value = Number(raw);
    if (!Number.isFinite(value)) return "not a number";
    if (value < 0) return "below zero";
    return null;
  };

  return {
    /** The overrides the user typed; empty inputs are left out. */
    getAssumptions() {
      const out = {};
      for (const [key, { input }] of inputs) {
        if (input.value.trim() === "") continue;
        if (isWordAssumption(key)) {
          if (LOAD_BALANCER_TYPES.includes(input.value)) out[key] = input.value;
          continue;
        }
        const value = Number(input.value);
        if (Number.isFinite(value) && value >= 0) out[key] = value;
      }
      return out;
    },
    getFailAtMinute() {
      return toggle.checked ? Number(slider.value) : null;
    },
    setState({ assumptions = {}, failAtMinute = null }) {
      for (const [key, { input }] of inputs) input.value = key in assumptions ? String(assumptions[key]) : "";
      this.setFailAtMinute(failAtMinute);
    },
    /** Turns the simulated failure off (null), or on at a minute. */
    setFailAtMinute(failAtMinute) {
      toggle.checked = failAtMinute !== null;
      slider.disabled = !toggle.checked;
      if (failAtMinute === null) slider.value = "0";
      else {
        slider.max = String(Math.max(Number(slider.max), Math.ceil(failAtMinute)));
        slider.value = String(failAtMinute);
      }
      output.textContent = toggle.checked ? slider.value : "off";
    },
    /**
     * Says, beside each field, whether the typed value was refused (and why) or changed by the
     * timeline (which clamps and rounds; `used` is its `assumptions`), and which value it used.
     */
    showUsed(used) {
      for (const [key, { input, note, hint }] of inputs) {
        const reason = refusal(input);
        const fallback = used && key in used ? used[key] : defaultsShown?.[key];
        let message = null;
        if (reason) message = `${reason}: not used; the timeline uses ${fallback ?? "the default"}`;
        else if (!isWordAssumption(key) && input.value.trim() !== "" && used && key in used && used[key] !== Number(input.value)) {
          message = `the timeline uses ${used[key]}, the nearest value it accepts`;
        }
        if (message) {
          input.setAttribute("aria-invalid", "true");
          note.textContent = message;
          note.dataset.state = "refused";
        } else {
          input.removeAttribute("aria-invalid");
          delete note.dataset.state;
          note.textContent = defaultsShown && key in defaultsShown ? `default ${defaultsShown[key]} · ${hint}` : hint;
        }
      }
    },
    /** Shows each default (from `timeline.assumptions` with no overrides) as placeholder and note. */
    setDefaults(defaults) {
      defaultsShown = defaults;
      for (const [key, { input, note, hint }] of inputs) {
        if (defaults && key in defaults) {
          if (isWordAssumption(key)) input.options[0].textContent = `default (${LOAD_BALANCER_SHORT[defaults[key]] ?? defaults[key]})`;
          else input.placeholder = String(defaults[key]);
          note.textContent = `default ${defaults[key]} · ${hint}`;
        } else {
          note.textContent = hint;
        }
      }
    },
    /**
     * Sets the slider's range to the deployment's length without a failure. Returns true when
     * that moved the failure minute (it was beyond the end), so the caller analyses again.
     */
    setMaxMinute(total) {
      const max = Math.max(1, Math.ceil(total));
      if (String(max) === slider.max) return false;
      const before = Number(slider.value);
      slider.max = String(max);
      if (before <= max) return false;
      slider.value = String(max);
      output.textContent = toggle.checked ? slider.value : "off";
      return true;
    },
  };
}
