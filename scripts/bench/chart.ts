// An SVG bar chart of the bench's latest JSON: req/s per endpoint, one group per configuration,
// each bar labelled with its share of the bare route. Plain SVG, no script, no external font.
import type { BenchReport } from "./report";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function renderChart(report: BenchReport): string {
  const width = 760;
  const labelWidth = 300;
  const barHeight = 18;
  const gap = 6;
  const max = Math.max(1, ...report.configurations.flatMap((c) => c.targets.map((t) => t.rps)));
  const scale = (rps: number) => ((width - labelWidth - 90) * rps) / max;
  const parts: string[] = [];
  let y = 30;
  for (const configuration of report.configurations) {
    parts.push(`<text x="10" y="${y}" font-weight="bold">${escape(configuration.name)}</text>`);
    y += 12;
    for (const target of configuration.targets) {
      const w = Math.max(1, scale(target.rps));
      const fill = target.name === "bare" ? "#888" : target.ratio >= 0.9 ? "#2b7a3d" : "#b5651d";
      parts.push(
        `<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${escape(target.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${fill}"/>`,
        `<text x="${labelWidth + w + 6}" y="${y + 13}">${Math.round(target.rps)} req/s · ${Math.round(target.ratio * 100)} %</text>`,
      );
      y += barHeight + gap;
    }
    y += 16;
  }
  const title = `req/s per endpoint (share of the bare route); green ≥ 90 %`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${escape(title)}">`,
    `<title>${escape(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="16" fill="#444">${escape(title)}</text>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}
