import ignore from 'ignore';

/**
 * The layer rule's other half. `no-restricted-imports` sees `import … from` and `export … from` only; a module
 * can also be reached by `import('…')`, by a type `typeof import('…')` (or `import('…').Name`), by `require('…')`
 * and by the require that `createRequire(…)` makes. This rule checks those against the same patterns, matched as
 * no-restricted-imports matches them (gitignore-style, via the `ignore` package), as VS Code's
 * `code-import-patterns` rule does for its layers.
 *
 * Options: `{ patterns: [{ group: string[], message: string }], computed?: boolean }`. With `computed`, an
 * `import()` or require of a computed name is an error too: in a layer that must stay pure nothing may be loaded
 * that the rule cannot read.
 */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Restricts dynamic imports, import types and require across the layers of ARCHITECTURE §2',
    },
    schema: [
      {
        type: 'object',
        properties: {
          patterns: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                group: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['group'],
              additionalProperties: false,
            },
          },
          computed: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      restricted: "'{{source}}' ({{how}}) is restricted from being used by a pattern. {{message}}",
      computed:
        'A {{how}} of a computed name cannot be checked against the layers: name the module in a string.',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const groups = (options.patterns ?? []).map(({ group, message }) => ({
      matcher: ignore({ allowRelativePaths: true, ignorecase: true }).add(group),
      message: message ?? '',
    }));
    /** Names bound to a require function: `require` itself and whatever `createRequire(…)` was assigned to. */
    const requireNames = new Set(['require']);

    /** The module name of a string literal or a template without expressions; null when computed. */
    const literal = (node) => {
      if (!node) return null;
      if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
        return node.quasis[0].value.cooked;
      if (node.type === 'TSLiteralType') return literal(node.literal);
      return null;
    };
    const check = (node, source, how) => {
      if (source === null) {
        if (options.computed) context.report({ node, messageId: 'computed', data: { how } });
        return;
      }
      const name = source.trim();
      for (const group of groups) {
        if (group.matcher.ignores(name)) {
          context.report({
            node,
            messageId: 'restricted',
            data: { source: name, how, message: group.message },
          });
          return;
        }
      }
    };
    const isCreateRequire = (node) =>
      node?.type === 'CallExpression' &&
      ((node.callee.type === 'Identifier' && node.callee.name === 'createRequire') ||
        (node.callee.type === 'MemberExpression' &&
          !node.callee.computed &&
          node.callee.property.name === 'createRequire'));

    return {
      VariableDeclarator(node) {
        if (node.id.type === 'Identifier' && isCreateRequire(node.init)) requireNames.add(node.id.name);
      },
      AssignmentExpression(node) {
        if (node.left.type === 'Identifier' && isCreateRequire(node.right)) requireNames.add(node.left.name);
      },
      ImportExpression(node) {
        check(node, literal(node.source), 'dynamic import()');
      },
      TSImportType(node) {
        check(node, literal(node.argument), 'import type');
      },
      CallExpression(node) {
        const callee = node.callee;
        const isRequire =
          (callee.type === 'Identifier' && requireNames.has(callee.name)) ||
          // createRequire(import.meta.url)('…')
          isCreateRequire(callee) ||
          // module.require('…')
          (callee.type === 'MemberExpression' &&
            !callee.computed &&
            callee.object.type === 'Identifier' &&
            callee.object.name === 'module' &&
            callee.property.name === 'require');
        if (isRequire) check(node, literal(node.arguments[0]), 'require()');
      },
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };
