import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * The installers cannot be built here (electron-builder downloads Electron for each platform), so the
 * configuration is checked against electron-builder's own schema, the one it validates with before a build.
 */
const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../../..');
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const schemaPath = join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');

type Association = { ext: string; name: string; role: string; mimeType: string; icon: string };

describe('electron-builder.yml', () => {
  it("is valid under electron-builder's configuration schema", () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('catches a mistake (the schema check is real)', () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, appID: 'typo' })).toBe(false);
    expect(validate({ ...config, linux: { target: 42 } })).toBe(false);
  });

  it('names the app and builds AppImage and deb, NSIS and dmg', () => {
    expect(config).toMatchObject({ appId: 'org.pressroom.desktop', productName: 'Pressroom' });
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('associates .pressrelease files, with icons that exist', () => {
    const [association] = config.fileAssociations as Association[];
    expect(association).toMatchObject({
      ext: 'pressrelease',
      name: 'Pressroom release',
      role: 'Editor',
      mimeType: 'application/x-pressrelease+json',
    });
    for (const extension of ['icns', 'ico', 'png']) {
      expect(existsSync(join(root, 'build', `${association!.icon}.${extension}`))).toBe(true);
    }
  });

  it('has the app icons, the resources and the fuses it promises', () => {
    for (const icon of [
      config.icon,
      (config.win as { icon: string }).icon,
      (config.mac as { icon: string }).icon,
    ]) {
      expect(existsSync(join(root, String(icon))), String(icon)).toBe(true);
    }
    const png = readFileSync(join(root, 'build/icon.png'));
    // PNG signature, then the IHDR width and height: 1024 x 1024, as electron-builder wants for macOS.
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(existsSync(join(root, 'build/icons/512x512.png'))).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources' }]);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
    });
  });
});
