import QRCode from 'qrcode';

/**
 * The QR code's modules, `matrix[row][col]`, row 0 at the top, `true` dark. Level M: a
 * printed certificate gets folded and scuffed, and M still fits a long verify URL in a
 * small symbol. Only `create` is used (no canvas), so this runs in Node and in browsers alike.
 */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.get(r, c) === 1);
    rows.push(row);
  }
  return rows;
}

/**
 * Dark modules merged into horizontal runs, so the PDF draws one rectangle per run: fewer
 * operators, and no hairline seams between neighbouring squares in some viewers.
 */
export function qrRuns(matrix: boolean[][]): { row: number; col: number; length: number }[] {
  const runs: { row: number; col: number; length: number }[] = [];
  matrix.forEach((cells, row) => {
    let start = -1;
    for (let col = 0; col <= cells.length; col++) {
      const dark = col < cells.length && cells[col] === true;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  });
  return runs;
}
