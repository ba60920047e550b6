/** The article's static prose, one module per section. */
export { ArticleIntro } from './intro';
export { MechanicsCaption, MechanicsText } from './mechanics';
export { DoesItWorkTakeaway, DoesItWorkText } from './doesItWork';
export { IcsMeasureText, IcsTakeaway, IcsText, NoisyBnText } from './ics';
export { SurfaceTakeaway, SurfaceText } from './surface';
export { BeyondTakeaway, DeepLinearText, LpNormText } from './beyond';
export { References } from './references';
export { StepSizeTakeaway, StepSizeText } from './stepSize';
