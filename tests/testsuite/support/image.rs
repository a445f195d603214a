//! What a PNG shows, roughly: enough to tell a page or a chart from a blank image.

/// The size of a PNG and how much is drawn on it.
pub struct Png {
    /// Read by the email tests only (the email's images have a known size).
    #[cfg_attr(not(feature = "email"), allow(dead_code))]
    pub width: u32,
    #[cfg_attr(not(feature = "email"), allow(dead_code))]
    pub height: u32,
    /// How many distinct colours it has.
    pub colours: usize,
    /// The share of pixels that differ from the top-left (background) one.
    pub inked: f64,
}

/// Decodes a PNG and measures it.
pub fn inspect_png(bytes: &[u8]) -> Png {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let background = pixels[0];
    let colours: std::collections::BTreeSet<&[u8]> = pixels.iter().copied().collect();
    let other = pixels.iter().filter(|p| **p != background).count();
    Png {
        width: info.width,
        height: info.height,
        colours: colours.len(),
        inked: other as f64 / pixels.len() as f64,
    }
}
