/** The Node error code (ENOENT, EACCES…) of a failed file operation, if it has one. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A short, user-readable reason for a failed file operation; no stack, no internal detail. */
export function describeFileError(e: unknown): string {
  switch (errorCode(e)) {
    case 'ENOENT':
      return 'the file or its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'part of the path is not a folder';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'EBUSY':
    case 'ETXTBSY':
      return 'the file is in use by another program';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    default:
      return errorCode(e) ? `the system reported ${errorCode(e)}` : 'an unexpected file system error';
  }
}
