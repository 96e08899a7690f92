// "1 target" / "3 targets", for audit summaries (the renderers have their own plural()).
export const targetsPhrase = (count: number): string => (count === 1 ? '1 target' : `${count} targets`);
