// Type declarations for the two text-processing packages that ship without their own types.
// Only the parts the answer engine calls are declared.

declare module 'snowball-stemmers' {
  export interface SnowballStemmer {
    stem(word: string): string;
  }
  export function newStemmer(algorithm: string): SnowballStemmer;
  const snowball: { newStemmer: typeof newStemmer };
  export default snowball;
}

declare module 'stopword' {
  /** Stop-word lists keyed by ISO 639-3 code (eng, spa, fra, ...). */
  export const eng: string[];
  export const spa: string[];
}
