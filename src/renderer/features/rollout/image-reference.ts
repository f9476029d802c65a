// Roll forward of a Kubernetes rollout takes an image reference or a bare tag: a tag keeps the
// container's repository, as `control-room rollouts roll-forward ID --to TAG` does.

/** A bare tag has no registry path, tag separator or digest: "2.5.0", "v1.29.1". */
export function isBareTag(text: string): boolean {
  return !/[/:@]/.test(text);
}

/** The repository of an image reference, without its tag or digest. */
export function imageRepository(image: string): string {
  const name = image.split('@')[0] ?? image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(0, colon) : name;
}

/** The image the container will run: the reference itself, or the tag on the container's repository. */
export function targetImage(currentImage: string | undefined, typed: string): string {
  if (!isBareTag(typed) || currentImage === undefined) return typed;
  return `${imageRepository(currentImage)}:${typed}`;
}
