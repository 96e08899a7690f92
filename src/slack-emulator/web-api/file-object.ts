// A stored file as Slack describes it in messages: name, type, size, and URLs where its bytes are served.
import type { EmulatorState } from '../state/emulator-state.js';
import type { StoredFile } from '../state/file-store.js';
import type { SlackFile } from '../state/slack-types.js';

/** By extension: Slack's mimetype, filetype and pretty_type for the kinds of file the emulator sees most. */
const TYPES: Record<string, [mimetype: string, filetype: string, pretty: string]> = {
  csv: ['text/csv', 'csv', 'CSV'],
  tsv: ['text/tab-separated-values', 'tsv', 'TSV'],
  json: ['application/json', 'json', 'JSON'],
  txt: ['text/plain', 'text', 'Plain Text'],
  log: ['text/plain', 'text', 'Plain Text'],
  md: ['text/markdown', 'markdown', 'Markdown (raw)'],
  yaml: ['application/yaml', 'yaml', 'YAML'],
  yml: ['application/yaml', 'yaml', 'YAML'],
  html: ['text/html', 'html', 'HTML'],
  png: ['image/png', 'png', 'PNG'],
  jpg: ['image/jpeg', 'jpg', 'JPEG'],
  jpeg: ['image/jpeg', 'jpg', 'JPEG'],
  gif: ['image/gif', 'gif', 'GIF'],
  pdf: ['application/pdf', 'pdf', 'PDF'],
  zip: ['application/zip', 'zip', 'Zip'],
};
const BINARY: [string, string, string] = ['application/octet-stream', 'binary', 'Binary'];

/** Where the control API serves a shared file's bytes; `download` asks for them as an attachment. */
export function filePath(id: string, name: string, download = false): string {
  return `/_emulator/files/${id}/${download ? 'download/' : ''}${encodeURIComponent(name)}`;
}

/** The bytes' URL (`url_private`) and its download form. */
function fileUrls(baseUrl: string, file: Pick<StoredFile, 'id' | 'filename'>) {
  return {
    url_private: `${baseUrl}${filePath(file.id, file.filename)}`,
    url_private_download: `${baseUrl}${filePath(file.id, file.filename, true)}`,
  };
}

export function mimetypeOf(filename: string): string {
  return typeOf(filename)[0];
}

export function fileObject(state: EmulatorState, baseUrl: string, file: StoredFile): SlackFile {
  const [mimetype, filetype, prettyType] = typeOf(file.filename);
  const created = Math.floor(file.createdAt / 1000);
  return {
    id: file.id,
    created,
    timestamp: created,
    name: file.filename,
    title: file.completed?.title ?? file.filename,
    mimetype,
    filetype,
    pretty_type: prettyType,
    user: state.directory.bot.userId,
    user_team: state.directory.team.id,
    editable: false,
    size: file.content?.length ?? file.length,
    mode: file.snippetType ? 'snippet' : 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    ...fileUrls(baseUrl, file),
    ...(file.altTxt ? { alt_txt: file.altTxt } : {}),
    file_access: 'visible',
  };
}

function typeOf(filename: string): [string, string, string] {
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (extension && TYPES[extension]) || BINARY;
}
