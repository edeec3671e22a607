/**
 * An image file that cannot be published as it is (not an image, an unsupported format, malformed SVG): the message
 * completes "The image … cannot be used: …" and the fix is always to replace the file in Studio.
 */
export class ImageError extends Error {}
