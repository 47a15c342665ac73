// HTML escaping for the text placed into display bundles (verdict lines, progress lines, tables).

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
