# The Debian package (issue 15): `cmake --build build --target package`
# (or `cd build && cpack -G DEB`) makes opkomst_<version>_amd64.deb with the
# binary, the systemd unit, the default configuration (a conffile), the
# docs, and maintainer scripts that create the `opkomst` user. Runtime
# dependencies come from the binary's shared libraries (dpkg-shlibdeps),
# nothing of the build or the tests.
include(GNUInstallDirs)
install(TARGETS opkomst RUNTIME DESTINATION bin)
install(FILES packaging/opkomst.service DESTINATION lib/systemd/system)
install(FILES packaging/opkomst.conf DESTINATION /etc/opkomst PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES README.md docs/security.md docs/operations-package.md DESTINATION share/doc/opkomst OPTIONAL)

set(OPKOMST_PACKAGE_VERSION "${PROJECT_VERSION}" CACHE STRING "Version of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME opkomst)
set(CPACK_PACKAGE_VERSION "${OPKOMST_PACKAGE_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "opkomst maintainers <opkomst@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "registration of perinatal family support (opkomst)")
set(CPACK_PACKAGE_DESCRIPTION
    "opkomst registers dossiers of vulnerable pregnant women for a social-service team and computes the impact report. The package runs it as a hardened systemd service on SQLite or PostgreSQL.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # opkomst_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# adduser for the postinst; pg_dump/pg_restore only for backups of a PostgreSQL database.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles;${PROJECT_SOURCE_DIR}/packaging/debian/postinst;${PROJECT_SOURCE_DIR}/packaging/debian/prerm;${PROJECT_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Strip the binary in the package (the build tree keeps its debug info).
set(CPACK_STRIP_FILES ON)
include(CPack)
