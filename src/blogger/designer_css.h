// Internal: the layout rules of Blogger's widget stylesheet that the designer-era themes
// (those with a b:template-skin: Watermark, Awesome Inc., Travel …) rely on but do not
// carry: Blogger links its widget_css_bundle.css before a theme's template skin, and
// without these rules the sidebar falls below the posts and the body's background
// caps push the page down. The template skin sets the widths; these set the floats.
#pragma once

#include <string_view>

namespace samizdat::blogger::internal {

// Emitted once, as a <style>, just before a theme's template-skin style (so the theme's
// own rules, later in the page, win). Static text: no per-render work.
inline constexpr std::string_view kDesignerLayoutStyle =
    "<style id='samizdat-layout' type='text/css'>\n"
    // The page background's faux columns sit behind the content, not above it.
    ".body-fauxcolumns,.content-fauxcolumns{position:absolute;top:0;left:0;width:100%;"
    "height:100%;overflow:hidden}\n"
    ".content,.content-outer{position:relative}\n"
    ".content-fauxcolumn-outer{left:0;right:0;margin:0 auto}\n"
    ".content-outer,.region-inner{margin:0 auto}\n"
    ".fauxcolumns{position:relative}\n"
    ".fauxcolumn-outer{position:absolute;top:0;bottom:0;overflow:hidden}\n"
    ".fauxcolumn-outer .fauxborder-left,.fauxcolumn-outer .fauxborder-right,"
    ".fauxcolumn-outer .fauxcolumn-inner{height:100%}\n"
    ".fauxcolumn-left-outer{left:0}\n"
    ".fauxcolumn-right-outer{right:0}\n"
    // The columns: the main column fills the row, the side columns float beside it
    // into the padding the template skin leaves for them.
    ".column-center-outer,.column-left-outer,.column-right-outer{position:relative;"
    "float:left}\n"
    ".column-center-outer{width:100%}\n"
    // Its own formatting context: the floats end with it, and a footer pulled up by a
    // negative margin (Awesome Inc.'s) is not pushed beside them.
    ".columns-inner{display:flow-root}\n"
    ".section-columns{table-layout:fixed;width:100%}\n"
    ".section-columns td.columns-cell{vertical-align:top}\n"
    ".section{margin:0 15px}\n"
    ".widget{margin:30px 0}\n"
    ".section:first-child .widget:first-child{margin-top:0}\n"
    "</style>";

}  // namespace samizdat::blogger::internal
