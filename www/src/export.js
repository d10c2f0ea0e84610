// Downloads: the chart as SVG or PNG, the analysis as JSON. Everything stays in the page
// (object URLs); nothing is sent anywhere.

import { inlineChartStyles } from "./chart.js";

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const HEADING = 30;

/**
 * Puts the chart's own title (strategy and length) above it as visible text, so a downloaded
 * file says what it shows.
 */
function addHeading(standalone, heading) {
  const ns = standalone.namespaceURI;
  const box = standalone.viewBox.baseVal;
  const width = box.width;
  const height = box.height + HEADING;
  const body = document.createElementNS(ns, "g");
  body.setAttribute("transform", `translate(0, ${HEADING})`);
  for (const node of [...standalone.childNodes]) {
    if (node.nodeName !== "title" && node.nodeName !== "desc") body.append(node);
  }
  const background = standalone.querySelector(".rc-bg");
  const top = document.createElementNS(ns, "rect");
  for (const [key, value] of Object.entries({ x: 0, y: 0, width, height: HEADING, fill: background?.getAttribute("fill") ?? "#fff" })) top.setAttribute(key, String(value));
  const text = document.createElementNS(ns, "text");
  const colour = standalone.querySelector(".rc-listeners")?.getAttribute("fill") ?? "#1b2330";
  for (const [key, value] of Object.entries({ x: 8, y: 20, fill: colour, "font-family": "system-ui, sans-serif", "font-size": 15, "font-weight": 650 })) text.setAttribute(key, String(value));
  text.textContent = heading;
  standalone.append(top, text, body);
  standalone.setAttribute("viewBox", `0 0 ${width} ${height}`);
  standalone.setAttribute("height", String(height));
}

/** The chart as a standalone SVG document string, headed by its title. */
export function chartSvgText(svg) {
  const standalone = inlineChartStyles(svg);
  const heading = svg.querySelector(":scope > title")?.textContent ?? "";
  if (heading) addHeading(standalone, heading);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(standalone)}`;
}

export function downloadChartSvg(svg, filename = "rollout.svg") {
  download(new Blob([chartSvgText(svg)], { type: "image/svg+xml" }), filename);
}

/** Renders the chart to a PNG blob at twice its size. */
export async function chartPngBlob(svg, scale = 2) {
  const text = chartSvgText(svg);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.decoding = "async";
    image.src = url;
    await image.decode();
    const box = { width: image.naturalWidth || svg.viewBox.baseVal.width, height: image.naturalHeight || svg.viewBox.baseVal.height };
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(box.width * scale);
    canvas.height = Math.round(box.height * scale);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadChartPng(svg, filename = "rollout.png") {
  download(await chartPngBlob(svg), filename);
}

export function downloadJson(value, filename = "analysis.json") {
  download(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: "application/json" }), filename);
}
