import type { Theme } from '../store/theme-store';

export interface ChartPalette {
  baseline: string;
  canary: string;
  weight: string;
  /** The judge's critical bound on metric charts. */
  critical: string;
  grid: string;
  axis: string;
  tooltipBg: string;
  tooltipBorder: string;
  text: string;
}

// SVG presentation attributes do not resolve CSS variables reliably, so charts take colours here.
const PALETTES: Record<Theme, ChartPalette> = {
  dark: {
    baseline: '#8fa3bf',
    canary: '#f0a23b',
    weight: '#4cb8f5',
    critical: '#f07070',
    grid: '#263041',
    axis: '#8c99ab',
    tooltipBg: '#161c26',
    tooltipBorder: '#3a4659',
    text: '#dbe2ec',
  },
  light: {
    baseline: '#55657d',
    canary: '#a85600',
    weight: '#0a6db0',
    critical: '#b42318',
    grid: '#e1e6ee',
    axis: '#556073',
    tooltipBg: '#ffffff',
    tooltipBorder: '#c9d1dc',
    text: '#1b2430',
  },
};

export function chartPalette(theme: Theme): ChartPalette {
  return PALETTES[theme];
}
