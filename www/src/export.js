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

/** The chart as a standalone SVG document string. */
export function chartSvgText(svg) {
  const standalone = inlineChartStyles(svg);
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
    const box = svg.viewBox.baseVal;
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
