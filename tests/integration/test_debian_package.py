# The Debian package (CPack's DEB generator, cmake/install.cmake): built from the binary
# under test, installed with dpkg -i into this machine, its server started as the
# package's user with the unit's own ExecStart line (systemd does not run here), a page
# fetched, stopped; then dpkg -r removes its files and dpkg -P purges it. Needs root (CI
# runs as root in a throwaway machine); skipped otherwise, or when samizdat is already
# installed here, so an operator's installation is never touched.
import grp
import http.client
import os
import pwd
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from harness import binary, free_port

DATA = '/var/lib/samizdat'
UNIT = '/usr/lib/systemd/system/samizdat.service'
FILES = ['/usr/bin/samizdat', UNIT, '/usr/share/doc/samizdat/README.md',
         '/usr/share/doc/samizdat/examples/nginx.conf']
PACKAGE_TIMEOUT = 600
READY_TIMEOUT = 30


def run(*cmd, timeout=300, check=True):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f'{" ".join(cmd)} exited {proc.returncode}\n'
                             f'{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}')
    return proc


def installed():
    proc = run('dpkg-query', '-W', '-f=${Status}', 'samizdat', check=False)
    return proc.returncode == 0 and 'installed' in proc.stdout.split()


def user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def why_skip():
    if os.geteuid() != 0:
        return 'installs a package with dpkg: needs root (CI runs as root)'
    for tool in ('dpkg', 'dpkg-deb', 'cpack', 'setpriv'):
        if not shutil.which(tool):
            return f'{tool} is not installed'
    if installed() or os.path.exists('/usr/bin/samizdat') or os.path.exists(DATA):
        return 'samizdat is already installed on this machine; not touching it'
    return None


@unittest.skipIf(why_skip(), why_skip())
class DebianPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix='samizdat-deb-')
        cls.had_user = user_exists('samizdat')
        build = os.path.dirname(os.path.abspath(binary()))
        started = time.monotonic()
        run('cpack', '-G', 'DEB', '--config', os.path.join(build, 'CPackConfig.cmake'), '-B',
            cls._tmp.name, timeout=PACKAGE_TIMEOUT)
        cls.seconds = time.monotonic() - started
        debs = [f for f in os.listdir(cls._tmp.name) if f.endswith('.deb')]
        if len(debs) != 1:
            raise AssertionError(f'cpack made {debs} in {cls._tmp.name}')
        cls.deb = os.path.join(cls._tmp.name, debs[0])

    @classmethod
    def tearDownClass(cls):
        # Whatever a failed step left: the package, the data, the user the test made.
        if installed():
            run('dpkg', '-P', 'samizdat', check=False)
        shutil.rmtree(DATA, ignore_errors=True)
        if not cls.had_user and user_exists('samizdat'):
            run('deluser', '--quiet', 'samizdat', check=False)
            try:
                grp.getgrnam('samizdat')
                run('delgroup', '--quiet', 'samizdat', check=False)
            except KeyError:
                pass
        cls._tmp.cleanup()

    def test_install_start_stop_remove(self):
        print(f'\ncpack built {os.path.basename(self.deb)} in {self.seconds:.1f} s')
        fields = run('dpkg-deb', '-f', self.deb, 'Package', 'Depends').stdout
        self.assertIn('Package: samizdat', fields)
        for dependency in ('adduser', 'libsqlite3-0', 'libpq5', 'libsodium23', 'libc6'):
            self.assertRegex(fields, rf'[ ,]{re.escape(dependency)}[ ,(\n]')
        listing = run('dpkg-deb', '-c', self.deb).stdout
        for path in FILES:
            self.assertIn(f'.{path}\n', listing)

        # Install: the user, its data directory, no systemd so no service.
        out = run('dpkg', '-i', self.deb).stdout
        self.assertTrue(installed())
        self.assertIn('systemd is not running', out)
        for path in FILES:
            self.assertTrue(os.path.isfile(path), path)
        user = pwd.getpwnam('samizdat')
        self.assertEqual(user.pw_shell, '/usr/sbin/nologin')
        status = os.stat(DATA)
        self.assertEqual((status.st_uid, status.st_mode & 0o777), (user.pw_uid, 0o750))

        # Start: the unit's ExecStart, as the unit's User, on a free port.
        with open(UNIT, encoding='utf-8') as f:
            unit = f.read()
        self.assertIn('\nUser=samizdat\n', unit)
        command = shlex.split(re.search(r'^ExecStart=(.*)$', unit, re.M).group(1))
        port = free_port()
        command[command.index('--port') + 1] = str(port)
        self.assertEqual(command[0], '/usr/bin/samizdat')
        server = subprocess.Popen(['setpriv', f'--reuid={user.pw_uid}',
                                   f'--regid={user.pw_gid}', '--init-groups', *command],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            page = self.wait_for_page(server, port)
            self.assertIn('<html', page)
        finally:
            server.send_signal(signal.SIGTERM)
            out, err = server.communicate(timeout=30)
        self.assertEqual(server.returncode, 0, err[-2000:])
        self.assertRegex(out, r'admin account: admin@localhost password: \S+')
        self.assertEqual(os.stat(os.path.join(DATA, 'samizdat.db')).st_uid, user.pw_uid)

        # Remove: the package's files go, the blogs stay; purge keeps them too and says so.
        run('dpkg', '-r', 'samizdat')
        for path in FILES:
            self.assertFalse(os.path.exists(path), path)
        self.assertTrue(os.path.exists(os.path.join(DATA, 'samizdat.db')))
        out = run('dpkg', '-P', 'samizdat').stdout
        self.assertFalse(installed())
        self.assertIn('/var/lib/samizdat', out)
        self.assertFalse(os.path.exists('/usr/share/doc/samizdat'))

    def wait_for_page(self, server, port):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if server.poll() is not None:
                self.fail(f'the installed server exited {server.returncode}: '
                          f'{server.stderr.read()[-2000:]}')
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
            try:
                conn.request('GET', '/', headers={'Host': 'localhost'})
                response = conn.getresponse()
                body = response.read().decode('utf-8', 'replace')
                self.assertEqual(response.status, 200, body[:300])
                return body
            except OSError:
                time.sleep(0.2)
            finally:
                conn.close()
        self.fail(f'the installed server did not answer on port {port} in {READY_TIMEOUT} s')


if __name__ == '__main__':
    unittest.main()
