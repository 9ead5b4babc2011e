/**
 * Word pools for made-up but natural-sounding people, places and companies: the demo
 * seed (db/seed.ts) draws people's names from them, and the bulk generator
 * (db/seed-scale.ts) also builds company names from them. Every Chinese entry carries
 * its pinyin, so English names and e-mail addresses match the Chinese ones.
 */

/** Common surnames with a rough weight (王, 李 and 张 are each about 7% of people). */
export const SURNAMES: readonly (readonly [zh: string, pinyin: string, weight: number])[] = [
  ["王", "Wang", 10], ["李", "Li", 10], ["张", "Zhang", 9], ["刘", "Liu", 7], ["陈", "Chen", 7],
  ["杨", "Yang", 5], ["黄", "Huang", 4], ["赵", "Zhao", 4], ["吴", "Wu", 4], ["周", "Zhou", 4],
  ["徐", "Xu", 3], ["孙", "Sun", 3], ["马", "Ma", 3], ["朱", "Zhu", 3], ["胡", "Hu", 3],
  ["郭", "Guo", 2], ["何", "He", 2], ["林", "Lin", 2], ["罗", "Luo", 2], ["高", "Gao", 2],
  ["郑", "Zheng", 2], ["梁", "Liang", 2], ["谢", "Xie", 2], ["宋", "Song", 2], ["唐", "Tang", 2],
  ["许", "Xu", 2], ["韩", "Han", 1], ["冯", "Feng", 1], ["邓", "Deng", 1], ["曹", "Cao", 1],
  ["彭", "Peng", 1], ["曾", "Zeng", 1], ["肖", "Xiao", 1], ["田", "Tian", 1], ["董", "Dong", 1],
  ["潘", "Pan", 1], ["袁", "Yuan", 1], ["蔡", "Cai", 1], ["蒋", "Jiang", 1], ["余", "Yu", 1],
  ["于", "Yu", 1], ["杜", "Du", 1], ["叶", "Ye", 1], ["程", "Cheng", 1], ["魏", "Wei", 1],
  ["苏", "Su", 1], ["吕", "Lyu", 1], ["丁", "Ding", 1], ["任", "Ren", 1], ["沈", "Shen", 1],
  ["姚", "Yao", 1], ["卢", "Lu", 1], ["姜", "Jiang", 1], ["崔", "Cui", 1], ["钟", "Zhong", 1],
  ["谭", "Tan", 1], ["陆", "Lu", 1], ["汪", "Wang", 1], ["范", "Fan", 1], ["金", "Jin", 1],
  ["石", "Shi", 1], ["廖", "Liao", 1], ["贾", "Jia", 1], ["夏", "Xia", 1], ["方", "Fang", 1],
  ["白", "Bai", 1], ["邹", "Zou", 1], ["孟", "Meng", 1], ["熊", "Xiong", 1], ["秦", "Qin", 1],
  ["邱", "Qiu", 1], ["江", "Jiang", 1], ["尹", "Yin", 1], ["薛", "Xue", 1], ["段", "Duan", 1],
  ["雷", "Lei", 1], ["侯", "Hou", 1], ["龙", "Long", 1], ["陶", "Tao", 1], ["贺", "He", 1],
  ["顾", "Gu", 1], ["毛", "Mao", 1], ["郝", "Hao", 1], ["龚", "Gong", 1], ["邵", "Shao", 1],
  ["钱", "Qian", 1], ["严", "Yan", 1], ["戴", "Dai", 1], ["孔", "Kong", 1], ["汤", "Tang", 1],
];

export const MALE_GIVEN_NAMES: readonly (readonly [zh: string, pinyin: string])[] = [
  ["伟", "Wei"], ["强", "Qiang"], ["磊", "Lei"], ["军", "Jun"], ["洋", "Yang"], ["勇", "Yong"],
  ["杰", "Jie"], ["涛", "Tao"], ["明", "Ming"], ["超", "Chao"], ["刚", "Gang"], ["辉", "Hui"],
  ["鹏", "Peng"], ["斌", "Bin"], ["宇", "Yu"], ["浩", "Hao"], ["凯", "Kai"], ["健", "Jian"],
  ["建华", "Jianhua"], ["建国", "Jianguo"], ["志强", "Zhiqiang"], ["志明", "Zhiming"], ["海涛", "Haitao"],
  ["晓东", "Xiaodong"], ["俊杰", "Junjie"], ["子轩", "Zixuan"], ["宇航", "Yuhang"], ["博文", "Bowen"],
  ["天宇", "Tianyu"], ["嘉豪", "Jiahao"], ["思远", "Siyuan"], ["文博", "Wenbo"], ["明哲", "Mingzhe"],
  ["泽宇", "Zeyu"], ["皓轩", "Haoxuan"], ["立新", "Lixin"], ["国强", "Guoqiang"], ["永刚", "Yonggang"],
  ["振华", "Zhenhua"], ["文杰", "Wenjie"], ["家明", "Jiaming"], ["少华", "Shaohua"], ["德明", "Deming"],
  ["云飞", "Yunfei"], ["鹏飞", "Pengfei"], ["子豪", "Zihao"], ["晨阳", "Chenyang"], ["俊熙", "Junxi"],
];

export const FEMALE_GIVEN_NAMES: readonly (readonly [zh: string, pinyin: string])[] = [
  ["静", "Jing"], ["敏", "Min"], ["燕", "Yan"], ["丽", "Li"], ["娟", "Juan"], ["芳", "Fang"],
  ["婷", "Ting"], ["雪", "Xue"], ["慧", "Hui"], ["颖", "Ying"], ["琳", "Lin"], ["洁", "Jie"],
  ["晶", "Jing"], ["倩", "Qian"], ["玲", "Ling"], ["萍", "Ping"], ["丹", "Dan"], ["欣", "Xin"],
  ["晓燕", "Xiaoyan"], ["丽娟", "Lijuan"], ["雨桐", "Yutong"], ["梓涵", "Zihan"], ["欣怡", "Xinyi"],
  ["诗涵", "Shihan"], ["思琪", "Siqi"], ["佳怡", "Jiayi"], ["雅婷", "Yating"], ["梦瑶", "Mengyao"],
  ["嘉怡", "Jiayi"], ["静怡", "Jingyi"], ["晓雯", "Xiaowen"], ["雪梅", "Xuemei"], ["秀英", "Xiuying"],
  ["桂英", "Guiying"], ["玉兰", "Yulan"], ["婷婷", "Tingting"], ["海燕", "Haiyan"], ["春梅", "Chunmei"],
  ["美玲", "Meiling"], ["心怡", "Xinyi"], ["若曦", "Ruoxi"], ["语嫣", "Yuyan"], ["晓婷", "Xiaoting"],
  ["慧敏", "Huimin"],
];

/**
 * Where clients are: the county code (GB/T 2260, used in USCCs and ID numbers), how a
 * company name starts there (深圳 companies write 深圳市…), and the address prefix.
 */
export const CITIES: readonly {
  code: string;
  namePrefix: string;
  address: string;
  en: string;
  region: string;
}[] = [
  { code: "110101", namePrefix: "北京", address: "北京市东城区", en: "Beijing", region: "北京市" },
  { code: "110105", namePrefix: "北京", address: "北京市朝阳区", en: "Beijing", region: "北京市" },
  { code: "110108", namePrefix: "北京", address: "北京市海淀区", en: "Beijing", region: "北京市" },
  { code: "120101", namePrefix: "天津", address: "天津市和平区", en: "Tianjin", region: "天津市" },
  { code: "310104", namePrefix: "上海", address: "上海市徐汇区", en: "Shanghai", region: "上海市" },
  { code: "310106", namePrefix: "上海", address: "上海市静安区", en: "Shanghai", region: "上海市" },
  { code: "310110", namePrefix: "上海", address: "上海市杨浦区", en: "Shanghai", region: "上海市" },
  { code: "310115", namePrefix: "上海", address: "上海市浦东新区", en: "Shanghai", region: "上海市" },
  { code: "320102", namePrefix: "南京", address: "江苏省南京市玄武区", en: "Nanjing", region: "江苏省南京市" },
  { code: "320106", namePrefix: "南京", address: "江苏省南京市鼓楼区", en: "Nanjing", region: "江苏省南京市" },
  { code: "320505", namePrefix: "苏州", address: "江苏省苏州市虎丘区", en: "Suzhou", region: "江苏省苏州市" },
  { code: "320508", namePrefix: "苏州", address: "江苏省苏州市姑苏区", en: "Suzhou", region: "江苏省苏州市" },
  { code: "330102", namePrefix: "杭州", address: "浙江省杭州市上城区", en: "Hangzhou", region: "浙江省杭州市" },
  { code: "330106", namePrefix: "杭州", address: "浙江省杭州市西湖区", en: "Hangzhou", region: "浙江省杭州市" },
  { code: "330108", namePrefix: "杭州", address: "浙江省杭州市滨江区", en: "Hangzhou", region: "浙江省杭州市" },
  { code: "330203", namePrefix: "宁波", address: "浙江省宁波市海曙区", en: "Ningbo", region: "浙江省宁波市" },
  { code: "350102", namePrefix: "福州", address: "福建省福州市鼓楼区", en: "Fuzhou", region: "福建省福州市" },
  { code: "350203", namePrefix: "厦门", address: "福建省厦门市思明区", en: "Xiamen", region: "福建省厦门市" },
  { code: "370202", namePrefix: "青岛", address: "山东省青岛市市南区", en: "Qingdao", region: "山东省青岛市" },
  { code: "420106", namePrefix: "武汉", address: "湖北省武汉市武昌区", en: "Wuhan", region: "湖北省武汉市" },
  { code: "420111", namePrefix: "武汉", address: "湖北省武汉市洪山区", en: "Wuhan", region: "湖北省武汉市" },
  { code: "430104", namePrefix: "长沙", address: "湖南省长沙市岳麓区", en: "Changsha", region: "湖南省长沙市" },
  { code: "440104", namePrefix: "广州", address: "广东省广州市越秀区", en: "Guangzhou", region: "广东省广州市" },
  { code: "440106", namePrefix: "广州", address: "广东省广州市天河区", en: "Guangzhou", region: "广东省广州市" },
  { code: "440304", namePrefix: "深圳市", address: "广东省深圳市福田区", en: "Shenzhen", region: "广东省深圳市" },
  { code: "440305", namePrefix: "深圳市", address: "广东省深圳市南山区", en: "Shenzhen", region: "广东省深圳市" },
  { code: "441900", namePrefix: "东莞市", address: "广东省东莞市", en: "Dongguan", region: "广东省东莞市" },
  { code: "460108", namePrefix: "海口", address: "海南省海口市美兰区", en: "Haikou", region: "海南省海口市" },
  { code: "500103", namePrefix: "重庆", address: "重庆市渝中区", en: "Chongqing", region: "重庆市" },
  { code: "510104", namePrefix: "成都", address: "四川省成都市锦江区", en: "Chengdu", region: "四川省成都市" },
  { code: "510107", namePrefix: "成都", address: "四川省成都市武侯区", en: "Chengdu", region: "四川省成都市" },
  { code: "530102", namePrefix: "昆明", address: "云南省昆明市五华区", en: "Kunming", region: "云南省昆明市" },
  { code: "610113", namePrefix: "西安", address: "陕西省西安市雁塔区", en: "Xi'an", region: "陕西省西安市" },
];

/** Roads most Chinese cities have, for bulk addresses. */
export const COMMON_ROADS = [
  "人民路", "中山路", "解放路", "建设路", "和平路", "新华路", "长江路", "文化路", "科技路", "创业路",
  "学府路", "朝阳路", "青年路", "滨江路", "东风路", "幸福路", "花园路", "工业大道", "金融街", "商业街",
] as const;

/** Characters for 字号 (trade names) with their pinyin: two of them make a brand. */
export const BRAND_CHARACTERS: readonly (readonly [zh: string, pinyin: string])[] = [
  ["华", "hua"], ["鑫", "xin"], ["瑞", "rui"], ["祥", "xiang"], ["鼎", "ding"], ["盛", "sheng"],
  ["佳", "jia"], ["宏", "hong"], ["远", "yuan"], ["博", "bo"], ["泰", "tai"], ["恒", "heng"],
  ["和", "he"], ["信", "xin"], ["达", "da"], ["兴", "xing"], ["隆", "long"], ["诚", "cheng"],
  ["安", "an"], ["康", "kang"], ["源", "yuan"], ["丰", "feng"], ["润", "run"], ["嘉", "jia"],
  ["汇", "hui"], ["智", "zhi"], ["联", "lian"], ["创", "chuang"], ["优", "you"], ["美", "mei"],
  ["新", "xin"], ["星", "xing"], ["辰", "chen"], ["海", "hai"], ["川", "chuan"], ["云", "yun"],
  ["天", "tian"], ["乐", "le"], ["德", "de"], ["金", "jin"], ["朗", "lang"], ["启", "qi"],
  ["明", "ming"], ["卓", "zhuo"], ["越", "yue"], ["锦", "jin"], ["益", "yi"], ["腾", "teng"],
  ["凯", "kai"], ["睿", "rui"], ["航", "hang"], ["峰", "feng"], ["逸", "yi"], ["森", "sen"],
  ["晟", "sheng"], ["悦", "yue"], ["澜", "lan"], ["禾", "he"], ["青", "qing"], ["蓝", "lan"],
];

/** What a company does: the word in its name, the industry label, the English words. */
export const BULK_INDUSTRIES: readonly (readonly [nameWord: string, industry: string, en: string])[] = [
  ["餐饮管理", "餐饮", "Catering Management"],
  ["教育科技", "教育培训", "Education Technology"],
  ["教育咨询", "教育培训", "Education Consulting"],
  ["电子商务", "跨境电商", "E-commerce"],
  ["医疗器械", "医疗器械", "Medical Devices"],
  ["文化传播", "文化传媒", "Culture Media"],
  ["广告", "广告营销", "Advertising"],
  ["信息技术", "软件和信息技术", "Information Technology"],
  ["网络科技", "软件和信息技术", "Network Technology"],
  ["食品", "食品", "Food"],
  ["物流", "物流", "Logistics"],
  ["生物科技", "医疗器械", "Biotechnology"],
  ["健康管理", "医疗服务", "Health Management"],
  ["旅游发展", "旅游", "Tourism Development"],
  ["家居用品", "家居", "Home Products"],
  ["茶业", "茶叶", "Tea"],
  ["服饰", "服装", "Apparel"],
  ["化妆品", "美妆个护", "Cosmetics"],
  ["贸易", "进出口贸易", "Trading"],
  ["建筑装饰工程", "建筑装饰", "Construction & Decoration"],
  ["企业管理咨询", "商务服务", "Management Consulting"],
  ["体育文化", "健身运动", "Sports & Culture"],
  ["酒店管理", "酒店住宿", "Hotel Management"],
  ["智能科技", "智能硬件", "Smart Technology"],
  ["影视文化", "文化传媒", "Film & Culture"],
  ["宠物用品", "宠物", "Pet Supplies"],
  ["母婴用品", "母婴", "Maternal & Infant Products"],
  ["农业科技", "农业", "Agricultural Technology"],
  ["汽车服务", "汽车服务", "Automotive Services"],
  ["人力资源", "人力资源", "Human Resources"],
];

/** Company sizes as WeChat and WeCom ask for them (number of staff). */
export const SCALES = ["1-20", "21-50", "51-200", "201-500", "501-1000", "1000+"] as const;

/** Joins two pinyin syllables into one word, with the apostrophe pinyin needs (Xi'an). */
export function joinPinyin(first: string, second: string): string {
  const head = first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
  const tail = second.toLowerCase();
  return /^[aoe]/.test(tail) ? `${head}'${tail}` : head + tail;
}
