/**
 * Makes photos smaller on the phone before they are sent: the longest side at most `maxSide`
 * pixels, JPEG at quality 0.8 (a letter stays readable at about 300 KB). Drawing through a canvas
 * keeps only the pixels, so EXIF, and with it the place the photo was taken, is gone. The picture
 * is turned the right way first (the EXIF orientation). Loaded only when a photo is chosen on the
 * topic page; without JavaScript the photo goes as it is, and the server checks it either way.
 */

const QUALITY = 0.8;

async function shrink(file: File, maxSide: number, n: number): Promise<File> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
	const width = Math.max(1, Math.round(bitmap.width * scale));
	const height = Math.max(1, Math.round(bitmap.height * scale));
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no canvas');
	// A transparent screenshot would turn black as JPEG: paint white under it.
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
	if (!blob) throw new Error('no JPEG');
	// Our own name: the phone's file name can hold a date or a place.
	return new File([blob], `billede-${n}.jpg`, { type: 'image/jpeg', lastModified: Date.now() });
}

/**
 * Replaces the input's files with smaller copies; a file the browser cannot draw (not a picture)
 * is left as it is, for the server to refuse with a plain message. Returns how many files there are.
 */
export async function shrinkInput(input: HTMLInputElement, maxSide: number): Promise<number> {
	const files = [...(input.files ?? [])];
	if (files.length === 0) return 0;
	const smaller: File[] = [];
	for (const [i, file] of files.entries()) smaller.push(await shrink(file, maxSide, i + 1).catch(() => file));
	const transfer = new DataTransfer();
	for (const file of smaller) transfer.items.add(file);
	input.files = transfer.files;
	return smaller.length;
}
