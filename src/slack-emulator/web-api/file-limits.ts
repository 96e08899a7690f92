// The limits of Slack's external file upload, from its method reference (docs.slack.dev/reference/methods/
// files.getUploadURLExternal and files.completeUploadExternal) and its help centre, in one table.

export const FILE_LIMITS = {
  /** Slack takes files up to 1 GB. Its page names no error for more; the emulator answers file_upload_size_restricted. */
  maxBytes: 1024 * 1024 * 1024,
  /** snippet_too_large: "snippets … are limited to 1MB". */
  snippetBytes: 1024 * 1024,
  /** alt_txt_too_large: "longer than the limit of 1000 character". */
  altTextLength: 1000,
  /** channels_limit_exceeded: "A maximum of 100 channels is allowed per request". */
  channelsPerCompletion: 100,
} as const;

/**
 * Syntax types a snippet may have (the text types of Slack's file type list); any other `snippet_type` is
 * unknown_snippet_type.
 */
export const SNIPPET_TYPES: ReadonlySet<string> = new Set([
  'auto',
  'text',
  'applescript',
  'boxnote',
  'c',
  'csharp',
  'cpp',
  'css',
  'csv',
  'clojure',
  'coffeescript',
  'cfm',
  'd',
  'dart',
  'diff',
  'dockerfile',
  'erlang',
  'fsharp',
  'fortran',
  'go',
  'groovy',
  'html',
  'handlebars',
  'haskell',
  'haxe',
  'java',
  'javascript',
  'json',
  'kotlin',
  'latex',
  'lisp',
  'lua',
  'markdown',
  'matlab',
  'mumps',
  'objc',
  'ocaml',
  'pascal',
  'perl',
  'php',
  'pig',
  'powershell',
  'puppet',
  'python',
  'r',
  'ruby',
  'rust',
  'sql',
  'sass',
  'scala',
  'scheme',
  'shell',
  'smalltalk',
  'swift',
  'tsv',
  'typescript',
  'vb',
  'vbscript',
  'velocity',
  'verilog',
  'xml',
  'yaml',
]);
