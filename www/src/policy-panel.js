// The Policy panel: an organisation policy (contract section 6, the JSON that
// `ecs-rollout check --policy FILE` reads) pasted into a text area or picked from the examples.
// The text is checked whole before it is used: invalid JSON, or a policy the package refuses
// with a TypeError, shows an inline message and the analysis runs without any policy, so a
// policy is never half-applied. Its violations are ordinary diagnostics and need nothing here.
// Built with DOM calls and `textContent` only: the policy text is the user's.

/** Text and policy used when the text area is empty. */
const NO_POLICY = Object.freeze({ text: "", policy: null, error: null });

/**
 * Reads policy text: `{ policy, error }`, where exactly one is set unless the text is blank
 * (then neither). `validate(policy)` asks the package; it throws a TypeError for a policy it
 * cannot enforce.
 * @param {string} text
 * @param {(policy: object) => void} validate
 */
export function checkPolicyText(text, validate) {
  if (text.trim() === "") return NO_POLICY;
  let policy;
  try {
    policy = JSON.parse(text);
  } catch (error) {
    return { text, policy: null, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (policy === null || typeof policy !== "object" || Array.isArray(policy)) {
    return { text, policy: null, error: 'A policy is a JSON object, such as { "maxTotalMinutes": 60 }' };
  }
  try {
    validate(policy);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // The package names the option path (`options.policy.minBakeMinutes ...`); here the
    // policy is the whole text, so `policy.minBakeMinutes ...` reads better.
    return { text, policy: null, error: error.message.replace(/^options\./, "") };
  }
  return { text, policy, error: null };
}

/** One line about the policy in force, from the check and the number of violations. */
export function describePolicyStatus(checked, violations, scope = null) {
  if (checked.error) return `Not applied: ${checked.error}. The analysis runs without the policy.`;
  if (!checked.policy) return "No policy: only the built-in checks run.";
  // The core says which rules applied (`analysis.policy.summary`); absent when the file
  // could not be read at all.
  const rules = scope ? ` Checked against ${scope.summary}.` : "";
  if (violations === 0) return `Applied: this config meets the policy.${rules}`;
  return `Applied: ${violations} policy violation${violations === 1 ? "" : "s"}, listed with the other problems.${rules}`;
}

function code(text) {
  const element = document.createElement("code");
  element.textContent = text;
  return element;
}

/**
 * Builds the panel inside `container`.
 * @param {HTMLElement} container
 * @param {{ examples: { id: string, title: string, text: string }[], validate: (policy: object) => void, onChange: () => void, onDownloadSchema?: () => void }} options
 */
export function createPolicyPanel(container, { examples, validate, onChange, onDownloadSchema }) {
  const picks = document.createElement("div");
  picks.className = "policy-picks";
  picks.setAttribute("role", "group");
  picks.setAttribute("aria-label", "Example policies");
  const pickLabel = document.createElement("span");
  pickLabel.className = "policy-picks-label";
  pickLabel.textContent = "Examples:";
  picks.append(pickLabel);
  const exampleButtons = examples.map((example) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.dataset.policyExample = example.id;
    button.textContent = example.title;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => setText(example.text, true));
    picks.append(button);
    return { button, example };
  });
  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "secondary";
  clear.id = "policy-clear";
  clear.textContent = "Clear";
  clear.addEventListener("click", () => setText("", true));
  picks.append(clear);
  if (onDownloadSchema) {
    const schema = document.createElement("button");
    schema.type = "button";
    schema.className = "secondary";
    schema.id = "policy-schema";
    schema.textContent = "JSON Schema";
    schema.title = "Download the JSON Schema of policy files";
    schema.addEventListener("click", onDownloadSchema);
    picks.append(schema);
  }

  const label = document.createElement("label");
  label.htmlFor = "policy-input";
  label.className = "policy-label";
  label.textContent = "Policy (JSON)";
  const input = document.createElement("textarea");
  input.id = "policy-input";
  input.className = "policy-input";
  input.rows = 7;
  input.spellcheck = false;
  input.autocomplete = "off";
  input.setAttribute("autocapitalize", "off");
  input.placeholder = '{ "allowedStrategies": ["CANARY", "LINEAR"], "minBakeMinutes": 5 }';
  const hint = document.createElement("p");
  hint.id = "policy-hint";
  hint.className = "hint";
  hint.append(
    "The same JSON as ",
    code("ecs-rollout check --policy FILE"),
    ". Rules under ",
    code("environments"),
    " replace the top-level ones for a file whose ",
    code("environment"),
    " has that value (the module's default is ",
    code("dev"),
    ").",
  );
  const status = document.createElement("p");
  status.id = "policy-status";
  status.className = "policy-status";
  status.setAttribute("role", "status");
  input.setAttribute("aria-describedby", `${status.id} ${hint.id}`);
  input.addEventListener("input", () => {
    markExample();
    onChange();
  });

  container.replaceChildren(picks, label, input, status, hint);

  let checked = NO_POLICY;

  function markExample() {
    const text = input.value.trim();
    for (const { button, example } of exampleButtons) button.setAttribute("aria-pressed", String(text !== "" && text === example.text.trim()));
  }

  function setText(text, notify) {
    input.value = text;
    markExample();
    if (notify) onChange();
  }

  return {
    /** The policy to apply (null for none or an invalid one) and why it is not applied. */
    current() {
      if (checked.text !== input.value) checked = checkPolicyText(input.value, validate);
      return checked;
    },
    /** The text as typed, for the share link. */
    getText() {
      return input.value;
    },
    setText(text) {
      setText(text, false);
    },
    /** Shows whether the policy is applied, and how many violations it found. */
    showStatus(violations, scope = null) {
      const now = this.current();
      status.textContent = describePolicyStatus(now, violations, scope);
      status.dataset.state = now.error ? "invalid" : now.policy ? "applied" : "none";
      if (now.error) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    },
  };
}
