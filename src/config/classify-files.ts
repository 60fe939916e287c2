import type { Diagnostic } from '../core/diagnostic.js'
import type { FileTree } from '../core/tree.js'

export interface YamlFile {
  readonly path: string
  readonly bytes: Uint8Array
}

export interface ClassifiedTree {
  /** `<metrics>/defaults/defaults.yaml`. */
  readonly defaultsPath: string
  readonly defaults: YamlFile | undefined
  /** Every `*.yaml` get_specs processes, in path order (it walks unsorted; we sort for stable output). */
  readonly batchFiles: readonly YamlFile[]
  /** Other readable files (included .sql/.py, READMEs...), for include checks. */
  readonly otherFiles: ReadonlyMap<string, Uint8Array>
  /** Every path under the metrics folder, readable or not. */
  readonly allPaths: ReadonlySet<string>
  /** Paths that exist but are no file to Jinja (broken links, FIFOs): an include of one fails. */
  readonly notFiles: ReadonlySet<string>
  /** File-level problems: unreadable files, ignored extensions, ignored defaults.yaml copies. */
  readonly diagnostics: readonly Diagnostic[]
}

function at1(
  file: string,
  ruleId: string,
  severity: Diagnostic['severity'],
  message: string,
  hint?: string
): Diagnostic {
  return {
    ruleId,
    severity,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message,
    ...(hint !== undefined ? { hint } : {})
  }
}

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1)

/**
 * Sorts the tree into what get_specs reads (contract §1.1): every name ending in `.yaml`
 * (case-sensitive) at any depth, hidden folders included, except files named exactly
 * `defaults.yaml`; `.yml`/`.YAML` are ignored.
 */
export function classifyTree(tree: FileTree): ClassifiedTree {
  const defaultsPath = `${tree.metricsDir}/defaults/defaults.yaml`
  const prefix = `${tree.metricsDir}/`
  const diagnostics: Diagnostic[] = []
  const batchFiles: YamlFile[] = []
  const otherFiles = new Map<string, Uint8Array>()
  const allPaths = new Set<string>()
  const notFiles = new Set<string>()
  let defaults: YamlFile | undefined

  const entries = [...tree.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const entry of entries) {
    if (!entry.path.startsWith(prefix)) continue
    allPaths.add(entry.path)
    if (entry.kind === 'unreadable' && entry.notAFile) notFiles.add(entry.path)
    const name = basename(entry.path)
    if (entry.kind === 'dir-link') {
      diagnostics.push(
        at1(
          entry.path,
          'file/dir-symlink',
          'warning',
          'This folder is a symbolic link: Anomstack walks metrics/ with followlinks=False, so nothing inside it is loaded.',
          'Move the files into the metrics folder instead of linking them.'
        )
      )
      continue
    }
    if (entry.kind === 'unreadable') {
      // Fail closed: a config file we cannot check is an error, never a silent pass.
      const isConfig = name.endsWith('.yaml') && name !== 'defaults.yaml'
      diagnostics.push(
        at1(
          entry.path,
          entry.ruleId,
          isConfig ||
            entry.path === defaultsPath ||
            entry.ruleId === 'file/outside-repository' ||
            entry.ruleId === 'file/untracked-link-target'
            ? 'error'
            : 'warning',
          entry.message,
          entry.hint
        )
      )
      continue
    }
    if (name.endsWith('.yaml')) {
      if (entry.path === defaultsPath) defaults = { path: entry.path, bytes: entry.bytes }
      else if (name === 'defaults.yaml')
        diagnostics.push(
          at1(
            entry.path,
            'file/ignored-defaults',
            'warning',
            'Anomstack skips every file named defaults.yaml; only metrics/defaults/defaults.yaml is read, so this file has no effect.',
            'Rename it (for example to <batch>.yaml) if it is meant to be a batch.'
          )
        )
      else batchFiles.push({ path: entry.path, bytes: entry.bytes })
      continue
    }
    if (/\.ya?ml$/i.test(name)) {
      diagnostics.push(
        at1(
          entry.path,
          'file/ignored-extension',
          'warning',
          `Anomstack only reads files ending in ".yaml" (lower case); "${name}" is ignored.`,
          'Rename the file to end in .yaml.'
        )
      )
    }
    otherFiles.set(entry.path, entry.bytes)
  }
  return { defaultsPath, defaults, batchFiles, otherFiles, allPaths, notFiles, diagnostics }
}
