/** Okabe-Ito colours: distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

/** Paul Tol's muted scheme (the colours the lab adds to Okabe-Ito's): also colour-blind safe. */
export const TOL_MUTED = {
  indigo: '#332288',
  teal: '#44AA99',
  olive: '#999933',
  wine: '#882255',
} as const;
