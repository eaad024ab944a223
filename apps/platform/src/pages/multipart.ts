import { createRequire } from 'node:module';
import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** One uploaded file, held in memory (small files only: the caller sets the limit). */
export interface UploadedFile {
  buffer: Buffer;
  size: number;
  originalname: string;
}

type Middleware = (request: Request, response: Response, next: (error?: unknown) => void) => void;
interface MulterFactory {
  (options: { storage: unknown; limits: Record<string, number> }): { single(field: string): Middleware };
  memoryStorage(): unknown;
}
// multer comes with Nest's express adapter (its FileInterceptor); it ships no types of its own
const multer = createRequire(__filename)('multer') as MulterFactory;

export type Upload = { file?: UploadedFile; tooLarge: boolean };

/**
 * Reads a page form sent as multipart/form-data: its text fields into `request.body` (the CSRF token among them)
 * and at most one file of at most `maxBytes`. A larger file is not read further: `tooLarge` says so, for the form
 * to refuse it in the visitor's language instead of a bare 413.
 */
export function readUpload(request: Request, response: Response, field: string, maxBytes: number): Promise<Upload> {
  const middleware = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
  }).single(field);
  return new Promise((resolve, reject) => {
    middleware(request, response, (error?: unknown) => {
      if ((error as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE') {
        resolve({ tooLarge: true });
        return;
      }
      if (error) {
        // another file field, too many parts, a body cut short or not multipart at all: a bad request, never a 500
        const code = (error as { code?: string }).code;
        const reason = code ?? (error instanceof Error ? error.message : 'unreadable');
        reject(new BadRequestException(`the form could not be read (${reason})`));
        return;
      }
      const file = (request as Request & { file?: UploadedFile }).file;
      resolve({ ...(file ? { file } : {}), tooLarge: false });
    });
  });
}
