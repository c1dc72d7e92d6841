# `make install` (cmake --install: the binary, the systemd unit, the docs; PREFIX and
# DESTDIR honoured) and `make package` (CPack's DEB generator: a Debian package for /usr
# with a maintainer script that makes the samizdat user and /var/lib/samizdat).
include(GNUInstallDirs)

install(TARGETS samizdat RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES contrib/nginx.conf contrib/Caddyfile DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
# contrib/samizdat.service names /usr/bin/samizdat and /usr/share/doc/samizdat (the
# package's paths); the installed unit names the install's own, known only at install time
# (`cmake --install --prefix`), and is written straight to its destination, so two
# installs at once with different prefixes share no file.
install(CODE "
  file(READ \"${PROJECT_SOURCE_DIR}/contrib/samizdat.service\" text)
  string(REPLACE /usr/bin/samizdat \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/samizdat\"
         text \"\${text}\")
  string(REPLACE /usr/share/doc/samizdat \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DOCDIR}\"
         text \"\${text}\")
  set(unit \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/samizdat.service\")
  message(STATUS \"Installing: \${unit}\")
  file(WRITE \"\${unit}\" \"\${text}\")
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${unit}\")
")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME samizdat)
set(CPACK_PACKAGE_VENDOR samizdat)
set(CPACK_PACKAGE_CONTACT "samizdat maintainers <root@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Blogger-compatible blog server in one binary")
set(CPACK_PACKAGE_DESCRIPTION "Blogger's pages, URLs and feeds served from an embedded \
SQLite file (or PostgreSQL), with a web admin, comments and imports from Blogger and WordPress.")
# CPack stages into DESTDIR with the real prefix, so the unit gets /usr/bin, not the
# staging directory.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
# The runtime libraries found by dpkg-shlibdeps from the binary, and adduser for postinst.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS adduser)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/contrib/debian/postinst
                                       ${PROJECT_SOURCE_DIR}/contrib/debian/prerm
                                       ${PROJECT_SOURCE_DIR}/contrib/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
