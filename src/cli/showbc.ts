// placeholder
export function showBytecode(mpy: Uint8Array, out: (s: string) => void): void {
  void mpy;
  void out;
}
