#!/bin/sh
# Regenerates build/icon.png (512×512) and build/icon.ico from drawing commands, with
# ImageMagick 6 (`convert`). A white map pin carrying a medical cross on the app's blue
# (--blue in renderer/src/styles.css). macOS: electron-builder derives the .icns from
# icon.png (ImageMagick 6 cannot write ICNS).
set -eu
cd "$(dirname "$0")/../build"
BLUE='#1f4e8c'
convert -size 512x512 xc:none \
  -fill "$BLUE" -draw 'roundrectangle 16,16 495,495 100,100' \
  -fill '#5f8fcc' -draw 'ellipse 256,440 118,26 0,360' \
  -fill white -draw 'circle 256,200 256,80' \
  -fill white -draw 'polygon 153,262 359,262 256,436' \
  -fill "$BLUE" -draw 'roundrectangle 234,136 278,264 6,6' -draw 'roundrectangle 192,178 320,222 6,6' \
  -strip -depth 8 PNG32:icon.png
convert icon.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico
