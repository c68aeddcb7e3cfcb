# Sourced by run.sh before anything is installed: the shared libraries Qt needs on this machine,
# each with the Debian/Ubuntu package that provides it. What is missing is named with the one
# command that installs it, instead of Qt aborting after minutes of installing.
_ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
if [ -x "$_ldconfig" ] && [ -z "${GUMRUK_SKIP_LIB_CHECK:-}" ]; then
    _known=$("$_ldconfig" -p 2>/dev/null || true)
    # Every platform (offscreen included).
    _needed="libfontconfig.so.1:libfontconfig1 libglib-2.0.so.0:libglib2.0-0
        libdbus-1.so.3:libdbus-1-3 libxkbcommon.so.0:libxkbcommon0 libEGL.so.1:libegl1
        libGL.so.1:libgl1"
    case "${QT_QPA_PLATFORM:-}" in
        offscreen* | minimal* | vnc* | wayland*) ;;
        *)
            if [ -n "${DISPLAY:-}" ]; then
                # Qt's xcb platform, the one a desktop with an X server (or XWayland) uses.
                _needed="$_needed libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4
                    libxcb-image.so.0:libxcb-image0 libxcb-keysyms.so.1:libxcb-keysyms1
                    libxcb-randr.so.0:libxcb-randr0 libxcb-render-util.so.0:libxcb-render-util0
                    libxcb-shape.so.0:libxcb-shape0 libxcb-xkb.so.1:libxcb-xkb1
                    libxkbcommon-x11.so.0:libxkbcommon-x11-0 libX11-xcb.so.1:libx11-xcb1"
            fi
            ;;
    esac
    _missing_libs=""
    _missing_packages=""
    for _pair in $_needed; do
        _lib=${_pair%%:*}
        # A here-string, not a pipe: under pipefail grep -q leaving early would fail it.
        if ! grep -q "^[[:space:]]*$_lib " <<<"$_known"; then
            _missing_libs="$_missing_libs $_lib"
            _missing_packages="$_missing_packages ${_pair#*:}"
        fi
    done
    if [ -n "$_missing_libs" ]; then
        echo "Qt'nin ihtiyaç duyduğu paylaşılan kütüphaneler eksik (Qt needs these shared libraries):$_missing_libs" >&2
        echo "Kurmak için (to install them): sudo apt-get install$_missing_packages" >&2
        echo "(Denetimi atlamak için / to skip this check: GUMRUK_SKIP_LIB_CHECK=1)" >&2
        exit 1
    fi
fi
