/** Small helpers for building messages that quote the flagged text. */

/** Quotes text for a message, shortened in the middle when long. */
export function quote(text: string, max = 90): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > max ? `${oneLine.slice(0, max - 25).trimEnd()} … ${oneLine.slice(-20).trimStart()}` : oneLine;
  return `"${short}"`;
}
