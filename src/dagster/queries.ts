/**
 * GraphQL documents sent to the Dagster webserver, and the shapes of their replies.
 *
 * Every field was checked against the schema of a running dagster-webserver 1.13.28 (introspected;
 * the SDL is kept in `__tests__/dagster/fixtures/dagster-1.13.28.graphql`, and a unit test
 * validates these documents against it). Field facts worth knowing:
 * - `WorkspaceLocationEntry.locationOrLoadError` is nullable (null while `LOADING`);
 * - `versionKey` exists since dagster 1.8 (PR #24376); on 1.13 a managed `python_file` location
 *   reports it as a JSON-ish list, e.g. `["<server id>", null]`: compare it as an opaque string;
 * - `Schedule.defaultStatus` and `Sensor.defaultStatus` exist (non-null `InstigationStatus`);
 * - `updatedTimestamp` (entry) vs `updateTimestamp` (status entry) differ on purpose upstream.
 *
 * Measured on 1.13.28: the `repositories` inside the reply of `reloadRepositoryLocation` are the
 * definitions from BEFORE the reload (same new `serverId`, old jobs), because they are resolved
 * against the request's old workspace context. A `workspaceOrError` read right after shows the
 * new ones. So the mutations select only status fields, and the client re-reads the workspace.
 *
 * Only the fields the report needs are selected: the workspace queries are unpaginated.
 */

const PYTHON_ERROR_FRAGMENT = `
fragment AhrPythonError on PythonError {
  __typename
  message
  className
  stack
  errorChain {
    isExplicitLink
    error {
      message
      className
      stack
    }
  }
}`

const LOCATION_ENTRY_FRAGMENT = `
fragment AhrLocationEntry on WorkspaceLocationEntry {
  __typename
  name
  loadStatus
  versionKey
  updatedTimestamp
  locationOrLoadError {
    __typename
    ... on RepositoryLocation {
      name
      serverId
      repositories {
        name
        jobs {
          name
        }
        schedules {
          name
          cronSchedule
          executionTimezone
          defaultStatus
          scheduleState {
            status
          }
        }
        sensors {
          name
          defaultStatus
          sensorState {
            status
          }
        }
      }
    }
    ...AhrPythonError
  }
}`

/** Entry status only: what the reload mutations select (see the note at the top). */
const LOCATION_STATUS_FRAGMENT = `
fragment AhrLocationStatus on WorkspaceLocationEntry {
  __typename
  name
  loadStatus
  versionKey
  updatedTimestamp
  locationOrLoadError {
    __typename
    ... on RepositoryLocation {
      name
      serverId
    }
    ...AhrPythonError
  }
}`

/** Every code location with its definitions (or load error), plus the Dagster version. */
export const WORKSPACE_QUERY = `
query AhrWorkspace {
  version
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        ...AhrLocationEntry
      }
    }
    ...AhrPythonError
  }
}
${LOCATION_ENTRY_FRAGMENT}
${PYTHON_ERROR_FRAGMENT}`

/** Cheap poll while a location is `LOADING` (Dagster+): no definitions. */
export const WORKSPACE_STATUS_QUERY = `
query AhrWorkspaceStatus {
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        versionKey
        updatedTimestamp
      }
    }
    ...AhrPythonError
  }
}
${PYTHON_ERROR_FRAGMENT}`

/** Reload one code location. In OSS this returns only after the new code server has loaded. */
export const RELOAD_LOCATION_MUTATION = `
mutation AhrReloadLocation($name: String!) {
  reloadRepositoryLocation(repositoryLocationName: $name) {
    __typename
    ... on WorkspaceLocationEntry {
      ...AhrLocationStatus
    }
    ... on ReloadNotSupported {
      message
    }
    ... on RepositoryLocationNotFound {
      message
    }
    ... on UnauthorizedError {
      message
    }
    ...AhrPythonError
  }
}
${LOCATION_STATUS_FRAGMENT}
${PYTHON_ERROR_FRAGMENT}`

/** Re-read `workspace.yaml` and reload every location (needs the global reload permission). */
export const RELOAD_WORKSPACE_MUTATION = `
mutation AhrReloadWorkspace {
  reloadWorkspace {
    __typename
    ... on Workspace {
      locationEntries {
        ...AhrLocationStatus
      }
    }
    ... on UnauthorizedError {
      message
    }
    ...AhrPythonError
  }
}
${LOCATION_STATUS_FRAGMENT}
${PYTHON_ERROR_FRAGMENT}`

/** `RUNNING` / `STOPPED` in 1.13; kept open for values a future server may add. */
export type InstigationStatus = 'RUNNING' | 'STOPPED' | (string & {})

/** `LOADING` only on Dagster+ (asynchronous reload). */
export type LoadStatus = 'LOADING' | 'LOADED' | (string & {})

export interface GqlPythonError {
  __typename: 'PythonError'
  message: string
  className: string | null
  stack: string[]
  errorChain: {
    isExplicitLink: boolean
    error: { message: string; className: string | null; stack: string[] }
  }[]
}

export interface GqlRepository {
  name: string
  jobs: { name: string }[]
  schedules: {
    name: string
    cronSchedule: string
    executionTimezone: string | null
    defaultStatus: InstigationStatus
    scheduleState: { status: InstigationStatus }
  }[]
  sensors: {
    name: string
    defaultStatus: InstigationStatus
    sensorState: { status: InstigationStatus }
  }[]
}

export interface GqlRepositoryLocation {
  __typename: 'RepositoryLocation'
  name: string
  serverId: string | null
  repositories: GqlRepository[]
}

/** A member this client does not know (a newer server); handled as "unexpected". */
export interface GqlUnknownMember {
  __typename: string
  message?: string
}

export interface GqlLocationEntry {
  __typename: 'WorkspaceLocationEntry'
  name: string
  loadStatus: LoadStatus
  versionKey: string
  updatedTimestamp: number
  locationOrLoadError: GqlRepositoryLocation | GqlPythonError | GqlUnknownMember | null
}

export interface GqlMessageError {
  __typename: 'ReloadNotSupported' | 'RepositoryLocationNotFound' | 'UnauthorizedError'
  message: string
}

export interface WorkspaceQueryData {
  version: string
  workspaceOrError:
    | { __typename: 'Workspace'; locationEntries: GqlLocationEntry[] }
    | GqlPythonError
    | GqlUnknownMember
}

export interface WorkspaceStatusQueryData {
  workspaceOrError:
    | {
        __typename: 'Workspace'
        locationEntries: Pick<
          GqlLocationEntry,
          'name' | 'loadStatus' | 'versionKey' | 'updatedTimestamp'
        >[]
      }
    | GqlPythonError
    | GqlUnknownMember
}

/** The reload mutations' view of an entry: no definitions (see the note at the top). */
export interface GqlLocationStatus extends Omit<GqlLocationEntry, 'locationOrLoadError'> {
  locationOrLoadError:
    | { __typename: 'RepositoryLocation'; name: string; serverId: string | null }
    | GqlPythonError
    | GqlUnknownMember
    | null
}

export interface ReloadLocationData {
  reloadRepositoryLocation: GqlLocationStatus | GqlMessageError | GqlPythonError | GqlUnknownMember
}

export interface ReloadWorkspaceData {
  reloadWorkspace:
    | { __typename: 'Workspace'; locationEntries: GqlLocationStatus[] }
    | { __typename: 'UnauthorizedError'; message: string }
    | GqlPythonError
    | GqlUnknownMember
}
