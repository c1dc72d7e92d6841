# `make install`'s rules (cmake --install: binary, systemd unit, docs; the prefix and
# DESTDIR honoured) and the installed contrib/samizdat.service: `systemd-analyze verify`
# accepts it, and `systemd-analyze security` rates it hardened.
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import binary

UNIT = 'lib/systemd/system/samizdat.service'
# The sandbox the unit promises (contrib/samizdat.service); systemd-analyze's rating
# below catches the rest.
HARDENING = ['User=samizdat', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/samizdat',
             'NoNewPrivileges=yes', 'PrivateTmp=yes', 'ProtectHome=yes',
             'CapabilityBoundingSet=CAP_NET_BIND_SERVICE', 'SystemCallFilter=@system-service']
# systemd-analyze security's exposure (0 safest .. 10), times ten.
MAX_EXPOSURE = 20


def build_dir():
    """The build tree of the binary under test (build/<type>/samizdat sits at its top)."""
    directory = os.path.dirname(os.path.abspath(binary()))
    if not os.path.exists(os.path.join(directory, 'cmake_install.cmake')):
        raise AssertionError(f'{directory} is no CMake build tree (no cmake_install.cmake)')
    return directory


def install(prefix, destdir=None):
    env = dict(os.environ)
    env.pop('DESTDIR', None)
    if destdir:
        env['DESTDIR'] = destdir
    subprocess.run(['cmake', '--install', build_dir(), '--prefix', prefix], check=True,
                   capture_output=True, text=True, env=env, timeout=120)


def unit_lines(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


@unittest.skipUnless(shutil.which('systemd-analyze'), 'systemd-analyze is not installed '
                     '(Debian package systemd, scripts/install-deps.sh)')
class SystemdUnit(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix='samizdat-unit-')
        cls.prefix = os.path.join(cls._tmp.name, 'usr')
        install(cls.prefix)
        cls.unit = os.path.join(cls.prefix, UNIT)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def test_install_puts_binary_unit_and_docs_under_the_prefix(self):
        self.assertTrue(os.access(os.path.join(self.prefix, 'bin', 'samizdat'), os.X_OK))
        for path in (UNIT, 'share/doc/samizdat/README.md', 'share/doc/samizdat/docs/admin.md',
                     'share/doc/samizdat/examples/nginx.conf',
                     'share/doc/samizdat/examples/Caddyfile'):
            self.assertTrue(os.path.isfile(os.path.join(self.prefix, path)), path)
        exec_start = [line for line in unit_lines(self.unit) if line.startswith('ExecStart=')]
        self.assertEqual(len(exec_start), 1)
        self.assertTrue(exec_start[0].startswith(f'ExecStart={self.prefix}/bin/samizdat '),
                        exec_start[0])

    def test_destdir_stages_the_install_for_the_prefix(self):
        stage = os.path.join(self._tmp.name, 'stage')
        install('/usr', destdir=stage)
        self.assertTrue(os.access(os.path.join(stage, 'usr/bin/samizdat'), os.X_OK))
        lines = unit_lines(os.path.join(stage, 'usr', UNIT))
        self.assertIn('ExecStart=/usr/bin/samizdat --data /var/lib/samizdat serve --address '
                      '127.0.0.1 --port 8080 --trusted-proxy 127.0.0.1/32', lines)
        self.assertFalse(os.path.exists(os.path.join(stage, self.prefix.lstrip('/'))))

    def test_systemd_analyze_verify_accepts_the_unit(self):
        proc = subprocess.run(['systemd-analyze', 'verify', self.unit], capture_output=True,
                              text=True, timeout=60)
        # verify exits 0 even for a line it ignores; any word from it is a fault.
        self.assertEqual((proc.returncode, proc.stdout + proc.stderr), (0, ''))

    def test_the_unit_is_hardened(self):
        lines = unit_lines(self.unit)
        for directive in HARDENING:
            self.assertIn(directive, lines)
        proc = subprocess.run(['systemd-analyze', 'security', '--offline=yes',
                               f'--threshold={MAX_EXPOSURE}', self.unit], capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stdout[-1500:] + proc.stderr)

    def test_a_broken_unit_is_caught(self):
        """The check above can fail: a unit whose binary is missing is refused."""
        broken = os.path.join(self._tmp.name, 'broken.service')
        with open(self.unit, encoding='utf-8') as f:
            text = f.read()
        with open(broken, 'w', encoding='utf-8') as f:
            f.write(text.replace(f'{self.prefix}/bin/samizdat', '/nonexistent/samizdat'))
        proc = subprocess.run(['systemd-analyze', 'verify', broken], capture_output=True,
                              text=True, timeout=60)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn('/nonexistent/samizdat', proc.stderr)


if __name__ == '__main__':
    unittest.main()
