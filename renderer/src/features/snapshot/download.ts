/** Saves bytes as a file through the browser's download mechanism (both hosts). */
export function downloadBytes(
  fileName: string,
  data: ArrayBuffer | string,
  type = 'application/octet-stream',
): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
