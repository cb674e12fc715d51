import { describe, expect, it } from 'vitest';
import { cloudInitFiles } from '../../../firmware-bridge/flash/cloud-init-files.ts';

const WIFI = { ssid: 'Home "Net"', psk: 'ab'.repeat(32), country: 'GB' };
const HEARTH_USER_DATA =
  '# hearth flash: begin\nhostname: kitchen-pi\nmanage_etc_hosts: true\n# hearth flash: end\n';

describe('cloudInitFiles', () => {
  it('writes nothing without settings', () => {
    expect(cloudInitFiles({}, {}, 1)).toEqual({});
  });

  it('writes user-data and a new meta-data for a host name, and leaves network-config alone', () => {
    expect(cloudInitFiles({}, { hostname: 'kitchen-pi' }, 1700000000000)).toEqual({
      'user-data': `#cloud-config\n${HEARTH_USER_DATA}`,
      'meta-data': 'instance-id: hearth-1700000000000\n',
    });
  });

  it('keeps the user-data there, Raspberry Pi Imager’s user and keys included', () => {
    const imager = '#cloud-config\nusers:\n- name: ada\n  lock_passwd: true\nenable_ssh: true';
    const files = cloudInitFiles({ userData: imager }, { hostname: 'kitchen-pi' }, 1);
    expect(files['user-data']).toBe(`${imager}\n${HEARTH_USER_DATA}`);
    expect(cloudInitFiles({ userData: files['user-data'] }, { hostname: 'kitchen-pi' }, 1)['user-data']).toBe(
      files['user-data'],
    );
  });

  it('puts the #cloud-config header on a user-data of comments only', () => {
    const files = cloudInitFiles({ userData: '# nothing yet\n' }, { hostname: 'kitchen-pi' }, 1);
    expect(files['user-data']).toBe(`#cloud-config\n# nothing yet\n${HEARTH_USER_DATA}`);
  });

  it.each([
    ['a host name of its own', '#cloud-config\nhostname: other\n', /sets "hostname: other" already/],
    ['manage_etc_hosts', '#cloud-config\nmanage_etc_hosts: false\n', /sets "manage_etc_hosts: false"/],
    ['a shell script', '#!/bin/sh\necho hi\n', /not a #cloud-config file/],
  ])('refuses a user-data with %s', (_name, userData, message) => {
    expect(() => cloudInitFiles({ userData }, { hostname: 'kitchen-pi' }, 1)).toThrow(message);
  });

  it('writes network-config whole for Wi-Fi, over a commented template or its own', () => {
    const files = cloudInitFiles({ networkConfig: '#network:\n#  version: 2\n' }, { wifi: WIFI }, 1);
    expect(files['network-config']).toContain('        "Home \\"Net\\"":\n');
    expect(files['network-config']).toContain(`          password: "${WIFI.psk}"\n`);
    expect(files['network-config']).toContain('      regulatory-domain: "GB"\n');
    expect(files['meta-data']).toBe('instance-id: hearth-1\n');
    expect(files['user-data']).toBeUndefined();
    const again = cloudInitFiles({ networkConfig: files['network-config'] }, { wifi: WIFI }, 2);
    expect(again['network-config']).toBe(files['network-config']);
  });

  it('refuses to replace a network-config that sets up the network already', () => {
    expect(() =>
      cloudInitFiles({ networkConfig: 'network:\n  version: 2\n  ethernets: {}\n' }, { wifi: WIFI }, 1),
    ).toThrow(/sets up the network already/);
  });
});
