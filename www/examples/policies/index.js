// The Policy panel's examples: the two policy files next to this one, as written (they are also
// valid `ecs-rollout check --policy FILE` files, and the package tests check them).

import strictProduction from "./strict-production.json?raw";
import relaxedDevelopment from "./relaxed-development.json?raw";

/** @type {{ id: string, title: string, text: string }[]} */
export const policyExamples = [
  { id: "strict-production", title: "Strict production team", text: strictProduction },
  { id: "relaxed-development", title: "Relaxed development team", text: relaxedDevelopment },
];
