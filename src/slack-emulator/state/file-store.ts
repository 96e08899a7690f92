// Files uploaded by Slack's external flow: a ticket per file (files.getUploadURLExternal), its bytes (the upload
// URL), then its share (files.completeUploadExternal). Shared files keep their bytes, for tests and the playground.
import { randomBytes } from 'node:crypto';
import type { SlackIds } from './slack-ids.js';

/** What files.getUploadURLExternal was told about the file. */
export interface UploadRequest {
  filename: string;
  /** The size in bytes the caller announced: the upload must be exactly this long. */
  length: number;
  altTxt?: string;
  snippetType?: string;
}

/** A file from its ticket to its share. Its bytes are absent until the upload URL has received them. */
export interface StoredFile extends UploadRequest {
  id: string;
  /** The secret part of the upload URL: whoever holds it may upload, as with Slack's. */
  uploadKey: string;
  /** Epoch ms of the ticket. */
  createdAt: number;
  content?: Buffer;
  /** Set by files.completeUploadExternal: the file is shared (or kept private) and its ticket is spent. */
  completed?: { title: string; at: number; user: string };
}

/** A shared file as tests read it: its name, size and bytes. */
export interface SharedFile {
  id: string;
  name: string;
  title: string;
  size: number;
  content: Buffer;
}

export type UploadVerdict = { ok: true; file: StoredFile } | { ok: false; status: 404 | 400; reason: string };

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byUploadKey = new Map<string, StoredFile>();
  /** Upload POSTs still to answer 500, for tests of a client's retries. */
  private failuresToForce = 0;

  constructor(
    private readonly ids: SlackIds,
    private readonly now: () => number,
  ) {}

  /** A ticket: the file's id and the key of its upload URL. */
  reserve(request: UploadRequest): StoredFile {
    const file: StoredFile = {
      ...request,
      id: this.ids.id('F'),
      uploadKey: randomBytes(18).toString('base64url'),
      createdAt: this.now(),
    };
    this.byId.set(file.id, file);
    this.byUploadKey.set(file.uploadKey, file);
    return file;
  }

  /** The file whose upload URL this is, while it waits for its bytes (until completed). */
  waiting(uploadKey: string): StoredFile | undefined {
    const file = this.byUploadKey.get(uploadKey);
    return file && !file.completed ? file : undefined;
  }

  /** The upload URL's POST: bytes of exactly the announced length, for a ticket not yet completed. */
  receive(uploadKey: string, content: Buffer): UploadVerdict {
    const file = this.waiting(uploadKey);
    if (!file) return { ok: false, status: 404, reason: 'no upload is waiting at this URL' };
    if (content.length !== file.length) {
      return {
        ok: false,
        status: 400,
        reason: `the upload has ${content.length} bytes; files.getUploadURLExternal announced ${file.length}`,
      };
    }
    file.content = content;
    return { ok: true, file };
  }

  /** The next `count` upload POSTs answer 500 and keep nothing, as an upload host having trouble would. */
  failNextUploads(count: number): void {
    this.failuresToForce += count;
  }

  /** Whether this upload POST is one of the forced failures (each is used once). */
  takeForcedFailure(): boolean {
    if (this.failuresToForce <= 0) return false;
    this.failuresToForce -= 1;
    return true;
  }

  get(id: string): StoredFile | undefined {
    return this.byId.get(id);
  }

  /** Spends the ticket: the upload URL answers 404 from now on and the file cannot be completed again. */
  complete(file: StoredFile, title: string, user: string): void {
    file.completed = { title, at: this.now(), user };
    this.byUploadKey.delete(file.uploadKey);
  }

  /** Completed files with their bytes, oldest first. */
  shared(): SharedFile[] {
    return [...this.byId.values()].flatMap((file) =>
      file.completed && file.content
        ? [
            {
              id: file.id,
              name: file.filename,
              title: file.completed.title,
              size: file.content.length,
              content: file.content,
            },
          ]
        : [],
    );
  }
}
