// CSS files are bundled as text (esbuild loader "text") and put into Tact's shadow root.
declare module '*.css' {
  const css: string;
  export default css;
}
