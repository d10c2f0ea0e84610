// The kinds of source the analyzer reads (the package's `options.input`), their names for people,
// and the label that says which kind a text was read as. Pure functions, tested in Node.

/** Every kind the analyzer reads, in the order the "Source" menu lists them. */
export const INPUT_KINDS = [
  { value: "portkey-tfvars", option: "Portkey tfvars", title: "Portkey module tfvars" },
  { value: "terraform", option: "Terraform", title: "Terraform aws_ecs_service" },
  { value: "cloudformation", option: "CloudFormation", title: "CloudFormation template" },
  { value: "ecs-api", option: "ECS API JSON", title: "ECS API JSON" },
  { value: "ecs-deployment-record", option: "Deployment record", title: "ECS deployment record" },
];

/** Whether `value` is one of the analyzer's input kinds. */
export function isInputKind(value) {
  return INPUT_KINDS.some((kind) => kind.value === value);
}

/** A kind's name for people ("CloudFormation template"), or the kind itself when unknown. */
export function inputTitle(kind) {
  return INPUT_KINDS.find((k) => k.value === kind)?.title ?? String(kind);
}

/**
 * The label next to the editor: the kind the analysis read, and whether it was detected from
 * the text or chosen in the menu (`forced` is the menu's kind, or null for detection).
 */
export function inputLabel(kind, forced) {
  return `${inputTitle(kind)} (${forced ? "chosen" : "detected"})`;
}

/** Fills a select with "Detect" and one option per kind; its value is "" for detection. */
export function fillInputMenu(select) {
  const detect = document.createElement("option");
  detect.value = "";
  detect.textContent = "Detect";
  select.append(detect);
  for (const kind of INPUT_KINDS) {
    const option = document.createElement("option");
    option.value = kind.value;
    option.textContent = kind.option;
    select.append(option);
  }
}
