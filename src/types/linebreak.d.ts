// Types for the `linebreak` package (UAX #14 line break opportunities), which ships none.
declare module 'linebreak' {
  interface Break {
    /** Index in the string just after the break opportunity. */
    position: number;
    /** True for a mandatory break (after a line feed). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
