// The layering rules of docs/architecture.md, checked by `npm run lint` (and so by CI).
// A rule broken today is listed in KNOWN_VIOLATIONS below, by file pair, with the step that removes
// it; anything not listed fails the build.

/** Frameworks and storage drivers: only the edge room that owns one may import it. */
const FRAMEWORKS = [
  '^botbuilder',
  '^botframework-',
  '^restify',
  '^socket\\.io',
  '^@socket\\.io/',
  '^better-sqlite3',
  '^mongodb',
];
const FRAMEWORK_PATH = `node_modules/(${FRAMEWORKS.map((name) => name.slice(1)).join('|')})`;

/**
 * Core rooms: what the product knows, free of any framework, so it can be tested alone and kept
 * when a framework is replaced. The handoff's botbuilder adapter lives in bot/channels/handoff/.
 */
const CORE_ROOMS = [
  '^contracts/',
  '^bot/shared/',
  '^knowledge/engine/',
  '^knowledge/content/',
  '^bot/cases/',
  '^bot/privacy/',
  '^bot/handoff/',
  '^bot/conversations/',
];

/** Rooms used through one entry file: anyone outside the room imports that file, not its insides. */
const ENTRY_ROOMS = [
  { room: '^knowledge/engine/', entry: '^knowledge/engine/index\\.ts$' },
  { room: '^bot/cases/', entry: '^bot/cases/index\\.ts$' },
  { room: '^bot/handoff/businessHours/', entry: '^bot/handoff/businessHours/index\\.ts$' },
];

const ENTRY_RULE = 'room-used-through-its-entry';

/**
 * Imports that break a rule today and are left for a named later step, each allowed for exactly
 * its own files. Remove an entry when its step lands; the list is meant to shrink to nothing.
 */
const KNOWN_VIOLATIONS = [];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-framework',
      comment:
        'A core room (contracts with the wire protocol, shared runtime pieces, knowledge content and ' +
        'engine, cases, privacy, the handoff core) imports no botbuilder, restify, socket.io or storage driver.',
      severity: 'error',
      from: { path: CORE_ROOMS },
      to: { path: FRAMEWORK_PATH },
    },
    {
      name: 'storage-drivers-stay-in-storage',
      comment:
        'NeDB, SQLite and the MongoDB driver are used by bot/storage/drivers only (and the Socket.IO ' +
        'MongoDB adapter beside the socket server); everyone else goes through the storage ports.',
      severity: 'error',
      from: {
        pathNot: [
          '^bot/storage/drivers/',
          '^bot/channels/socket/mongoSocketAdapter\\.ts$',
          '^(test|scripts)/',
        ],
      },
      to: { path: 'node_modules/(better-sqlite3|mongodb|@socket\\.io/mongo-adapter)/' },
    },
    {
      name: 'handoff-knows-no-caller',
      comment:
        'The handoff core is used by the assistant, the channels and the composition root, and uses none ' +
        'of them: the assistant calls it through the plain-data LiveAgentGateway, the channels through ' +
        'LiveChatRouter and the events they subscribe to.',
      severity: 'error',
      from: { path: '^bot/handoff/' },
      to: { path: '^bot/(assistant|channels|admin|auth|articles|app\\.ts|main\\.ts)' },
    },
    {
      name: 'socket-io-stays-in-channels',
      comment:
        "Socket.IO is the channels' framework: only bot/channels and the composition root (bot/app.ts) import it.",
      severity: 'error',
      from: { path: '^(bot|knowledge|contracts)/', pathNot: ['^bot/channels/', '^bot/app\\.ts$'] },
      to: { path: 'node_modules/socket\\.io/' },
    },
    {
      name: 'restify-stays-in-http-edge',
      comment:
        'restify is the HTTP edge: bot/server, the admin and auth routes, the Bot Framework endpoint ' +
        'and the composition root (bot/app.ts) import it; nothing else does.',
      severity: 'error',
      from: {
        path: '^(bot|knowledge|contracts)/',
        pathNot: ['^bot/(server|admin|auth|channels/botframework)/', '^bot/app\\.ts$'],
      },
      to: { path: 'node_modules/restify' },
    },
    {
      name: 'inner-rooms-import-no-http-edge',
      comment:
        'Use cases, cores, storage and config never import bot/server (the HTTP edge): what they share ' +
        'with it (field problems, periodic task, clock, allowed origins) lives in bot/shared/.',
      severity: 'error',
      from: {
        path: [
          '^bot/(articles|assistant|cases|privacy|handoff|conversations|storage|shared|config|i18n|logging)/',
          '^(knowledge|contracts|web-widget)/',
        ],
      },
      to: { path: '^bot/server/' },
    },
    {
      name: 'browser-imports-no-server',
      comment:
        'Browser code imports only browser code and contracts/ (the wire protocol, the locale, the article shape).',
      severity: 'error',
      from: { path: '^web-widget/' },
      to: { path: '^(bot|scripts|test)/' },
    },
    {
      name: 'product-imports-no-tools',
      comment: 'The service and the content never import command-line tools or tests.',
      severity: 'error',
      from: { path: '^(bot|knowledge|web-widget|contracts)/' },
      to: { path: '^(scripts|test)/' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      comment:
        'contracts/ (the locale, the article shape, the wire protocol between server and browsers) is the ' +
        'bottom layer: the server and the browsers both import it, it imports no room (no engine internals).',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(bot|knowledge|web-widget|scripts|test)/' },
    },
    {
      name: 'contracts-pull-no-library',
      comment:
        'contracts/ ends up in browser bundles: it may use zod (the article schema) and no other package.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: 'node_modules/', pathNot: 'node_modules/zod/' },
    },
    {
      name: 'browsers-take-contract-types-only',
      comment:
        'Browser code takes type-only imports from the article shape, so its schema (zod) never enters a bundle.',
      severity: 'error',
      from: { path: '^web-widget/' },
      to: { path: '^contracts/article\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-imports-no-room',
      comment:
        'bot/shared/ holds small runtime pieces every room may use; it uses only logging and contracts.',
      severity: 'error',
      from: { path: '^bot/shared/' },
      to: { path: '^(bot/(?!shared/|logging/)|knowledge/|web-widget/)' },
    },
    ...ENTRY_ROOMS.flatMap(({ room, entry }) => {
      const known = KNOWN_VIOLATIONS.filter(
        (known) => known.rule === ENTRY_RULE && known.to.startsWith(room),
      );
      const rule = (from, allowed) => ({
        name: ENTRY_RULE,
        comment: `Outside ${room} the room is imported through its entry file; scripts and tests may reach inside.`,
        severity: 'error',
        from,
        to: { path: room, pathNot: [entry, ...allowed] },
      });
      return [
        rule(
          { path: '^(bot|knowledge|web-widget|contracts)/', pathNot: [room, ...known.map((k) => k.from)] },
          [],
        ),
        // Each known violation is allowed for exactly its own pair of files, nothing more.
        ...known.map((k) => rule({ path: k.from }, [k.to])),
      ];
    }),
    {
      name: 'no-circular',
      comment: 'No import cycles: a cycle makes two modules one, and its load order an accident.',
      severity: 'error',
      from: {
        pathNot: KNOWN_VIOLATIONS.filter((known) => known.rule === 'no-circular').map((known) => known.from),
      },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every relative import resolves to a file.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data|coverage|\\.ci)/' },
    // Type-only imports count: a core that names a framework's type is still tied to it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
